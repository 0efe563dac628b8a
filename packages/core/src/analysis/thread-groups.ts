import type { ProcessEntry } from '../model/node-state.ts';
import type { DeviceIndex } from './device-index.ts';

/**
 * Kernel threads grouped by normalised name. ext4 starts three threads per journaled
 * filesystem (jbd2/<dev>-8, jbd2-ckpt/<dev>, ext4-rsv-conver), so per-device sets tell how
 * many filesystems the kernel still keeps alive, mounted on the host or not.
 */

export const THREAD_GROUPS = [
  'jbd2',
  'jbd2_ckpt',
  'ext4_rsv_conver',
  'kworker',
  'kdmflush',
  'bioset',
  'other_kernel',
] as const;
export type ThreadGroup = (typeof THREAD_GROUPS)[number];

export interface KernelThreadName {
  group: ThreadGroup;
  /** Normalised name: "kworker", "jbd2", "ksoftirqd", "scsi_eh". */
  name: string;
  device?: string;
  /** kworker workqueue suffix, e.g. events_unbound. */
  queue?: string;
}

export interface JournalDeviceSet {
  device: string;
  threads: string[];
  pids: number[];
  firstLine: number;
  hostMounts: string[];
  inBlockdev?: boolean;
}

export interface ThreadGroupStats {
  tasks: number;
  kernelThreads: number;
  byGroup: Record<ThreadGroup, number>;
  topNames: { name: string; count: number }[];
  kworkerQueues: { queue: string; count: number }[];
  journal: {
    devices: number;
    /** Devices with both jbd2 and jbd2-ckpt threads. */
    complete: number;
    notMountedOnHost: number;
    missingFromBlockdev: number;
    examples: JournalDeviceSet[];
  };
  dState: number;
  /** Lines of journal-set threads for evidence (capped). */
  journalLines: { line: number; text: string }[];
}

const EXAMPLES = 20;

export function normalizeKernelThread(comm: string): KernelThreadName {
  const c = comm.startsWith('[') ? comm.slice(1, comm.endsWith(']') ? -1 : undefined) : comm;
  const slash = c.indexOf('/');
  const head = slash < 0 ? c : c.slice(0, slash);
  const tail = slash < 0 ? '' : c.slice(slash + 1);
  if (head === 'jbd2' && tail) return { group: 'jbd2', name: 'jbd2', device: withoutJournalSuffix(tail) };
  if (head === 'jbd2-ckpt' && tail) return { group: 'jbd2_ckpt', name: 'jbd2-ckpt', device: tail };
  if (head.startsWith('ext4-rsv-conver')) return { group: 'ext4_rsv_conver', name: 'ext4-rsv-conver' };
  if (head === 'kworker') {
    const dash = tail.indexOf('-');
    return dash < 0
      ? { group: 'kworker', name: 'kworker' }
      : { group: 'kworker', name: 'kworker', queue: tail.slice(dash + 1) };
  }
  if (head === 'kdmflush')
    return tail
      ? { group: 'kdmflush', name: 'kdmflush', device: tail }
      : { group: 'kdmflush', name: 'kdmflush' };
  if (head === 'bioset') return { group: 'bioset', name: 'bioset' };
  const name = withoutInstanceNumber(head) || head;
  return tail && !/^[\d:]+$/.test(tail)
    ? { group: 'other_kernel', name, device: tail }
    : { group: 'other_kernel', name };
}

/**
 * `vdfiw-8` -> `vdfiw`: a last `-` followed only by digits goes, like `/-\d*$/`. Loops, not
 * regexes: a node with 6,000 journaled filesystems has 12,000 jbd2 threads.
 */
function withoutJournalSuffix(tail: string): string {
  const dash = tail.lastIndexOf('-');
  if (dash < 0 || !allDigits(tail, dash + 1)) return tail;
  return tail.slice(0, dash);
}

/** `ksoftirqd` from `ksoftirqd0`, `scsi_eh` from `scsi_eh_3`: like `/[_-]?\d+$/` removed. */
function withoutInstanceNumber(head: string): string {
  let d = head.length;
  while (d > 0 && isDigit(head.charCodeAt(d - 1))) d--;
  if (d === head.length) return head;
  const c = head.charCodeAt(d - 1);
  return head.slice(0, d > 0 && (c === 95 || c === 45) ? d - 1 : d);
}

function allDigits(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function computeThreadGroups(processes: ProcessEntry[], devices: DeviceIndex): ThreadGroupStats {
  const byGroup = Object.fromEntries(THREAD_GROUPS.map((g) => [g, 0])) as Record<ThreadGroup, number>;
  const names = new Map<string, number>();
  const queues = new Map<string, number>();
  const journal = new Map<string, JournalDeviceSet & { hasJbd2: boolean; hasCkpt: boolean }>();
  const journalLines: { line: number; text: string }[] = [];
  let kernelThreads = 0;
  let dState = 0;

  for (const p of processes) {
    if (p.state === 'D') dState++;
    if (!p.isKernelThread) continue;
    kernelThreads++;
    const k = normalizeKernelThread(p.comm || p.args);
    byGroup[k.group]++;
    names.set(k.name, (names.get(k.name) ?? 0) + 1);
    if (k.queue) queues.set(k.queue, (queues.get(k.queue) ?? 0) + 1);
    if ((k.group === 'jbd2' || k.group === 'jbd2_ckpt') && k.device) {
      let set = journal.get(k.device);
      if (!set) {
        set = {
          device: k.device,
          threads: [],
          pids: [],
          firstLine: p.line,
          hostMounts: [],
          hasJbd2: false,
          hasCkpt: false,
        };
        journal.set(k.device, set);
      }
      if (k.group === 'jbd2') set.hasJbd2 = true;
      else set.hasCkpt = true;
      if (set.threads.length < 4) {
        set.threads.push(p.comm);
        set.pids.push(p.pid);
      }
    }
    if (k.group === 'jbd2' || k.group === 'jbd2_ckpt' || k.group === 'ext4_rsv_conver') {
      if (journalLines.length < 20) journalLines.push({ line: p.line, text: p.args || p.comm });
    }
  }

  let complete = 0;
  let notMounted = 0;
  let missing = 0;
  const examples: JournalDeviceSet[] = [];
  for (const set of journal.values()) {
    if (set.hasJbd2 && set.hasCkpt) complete++;
    const mounts = devices.hostMounts(set.device);
    if (mounts.length === 0) notMounted++;
    const known = devices.inBlockdev(set.device);
    if (known === false) missing++;
    if (examples.length < EXAMPLES) {
      const { hasJbd2: _a, hasCkpt: _b, ...plain } = set;
      const ex: JournalDeviceSet = { ...plain, hostMounts: mounts.slice(0, 3) };
      if (known !== undefined) ex.inBlockdev = known;
      examples.push(ex);
    }
  }

  const top = (m: Map<string, number>, n: number, key: 'name' | 'queue') =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, count]) => ({ [key]: k, count }));

  return {
    tasks: processes.length,
    kernelThreads,
    byGroup,
    topNames: top(names, 15, 'name') as { name: string; count: number }[],
    kworkerQueues: top(queues, 10, 'queue') as { queue: string; count: number }[],
    journal: {
      devices: journal.size,
      complete,
      notMountedOnHost: notMounted,
      missingFromBlockdev: missing,
      examples,
    },
    dState,
    journalLines,
  };
}
