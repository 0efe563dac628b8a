import type {
  BlockDevice,
  ContainerEntry,
  LogEvent,
  LogSource,
  MountEntry,
  MountNamespace,
  NodeState,
  ProcessEntry,
  ProcessState,
} from '../../model/node-state.ts';
import { emptyNodeState } from '../../model/node-state.ts';

/**
 * Builders for NodeState values in tests. Line numbers are explicit or sequential, so a test
 * can assert that evidence points at the line it planted.
 */

export interface MountSpec {
  majMin: string;
  mountPoint: string;
  root?: string;
  fsType?: string;
  source?: string;
  line: number;
  id?: number;
}

export function mount(s: MountSpec): MountEntry {
  const [major, minor] = s.majMin.split(':').map(Number) as [number, number];
  return {
    mountId: s.id ?? 1000 + s.line,
    parentId: 1,
    major,
    minor,
    root: s.root ?? '/',
    mountPoint: s.mountPoint,
    mountOptions: ['rw', 'relatime'],
    optional: { raw: [] },
    fsType: s.fsType ?? 'ext4',
    source: s.source ?? '',
    superOptions: ['rw'],
    line: s.line,
  };
}

export function hostNs(mounts: MountEntry[]): MountNamespace {
  return { nsId: 'host', isHost: true, mounts, line: 1, probe: 'mountinfo' };
}

export function otherNs(
  nsId: string,
  mounts: MountEntry[],
  opts: { pid?: number; comm?: string; line?: number } = {},
): MountNamespace {
  const ns: MountNamespace = { nsId, isHost: false, mounts, line: opts.line ?? 1, probe: 'mountinfo-ns' };
  if (opts.pid !== undefined) ns.pid = opts.pid;
  if (opts.comm !== undefined) ns.comm = opts.comm;
  return ns;
}

export function disk(name: string, majMin: string, line: number, mountpoints: string[] = []): BlockDevice {
  return { name, majMin, type: 'disk', mountpoints, line };
}

export interface ProcSpec {
  pid: number;
  comm: string;
  line: number;
  ppid?: number;
  args?: string;
  state?: ProcessState;
  kernel?: boolean;
  elapsedSeconds?: number;
  wchan?: string;
}

export function proc(s: ProcSpec): ProcessEntry {
  const kernel = s.kernel ?? false;
  const p: ProcessEntry = {
    pid: s.pid,
    ppid: s.ppid ?? (kernel ? 2 : 1),
    state: s.state ?? 'S',
    stateRaw: s.state ?? 'S',
    comm: s.comm,
    args: s.args ?? (kernel ? `[${s.comm}]` : s.comm),
    isKernelThread: kernel,
    line: s.line,
  };
  if (s.elapsedSeconds !== undefined) p.elapsedSeconds = s.elapsedSeconds;
  if (s.wchan !== undefined) p.wchan = s.wchan;
  return p;
}

export function kthread(comm: string, pid: number, line: number): ProcessEntry {
  return proc({ pid, comm, line, kernel: true });
}

export function container(c: Partial<ContainerEntry> & { id: string; line: number }): ContainerEntry {
  return { state: 'running', status: 'Up 2 days', runtime: 'docker', ...c };
}

export type EventSpec = string | (Partial<LogEvent> & { message: string });

/** Log events at lines 1..n (or the line given). */
export function events(probe: LogSource, specs: EventSpec[], firstLine = 1): LogEvent[] {
  return specs.map((s, i) => {
    const base = typeof s === 'string' ? { message: s } : s;
    return { probe, line: firstLine + i, lineCount: 1, ...base };
  });
}

/** ISO time `seconds` after a base time. */
export function at(base: string, seconds: number): string {
  return new Date(Date.parse(base) + seconds * 1000).toISOString();
}

export function nodeState(patch: Partial<NodeState> = {}): NodeState {
  const s = emptyNodeState();
  return { ...s, ...patch, logs: { ...s.logs, ...(patch.logs ?? {}) } };
}
