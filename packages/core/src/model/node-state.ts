import type { ProbeId } from './probe-id.ts';
import type { ParseWarning } from './warning.ts';

/** Line numbers everywhere are 1-based positions in the probe's raw artifact text. */

export interface SystemInfo {
  hostname?: string;
  kernelRelease?: string; // `uname -r`, e.g. 4.19.91-24.al7.x86_64
  kernelVersion?: string; // `uname -v`
  machine?: string;
  osPrettyName?: string;
  uptimeSeconds?: number;
  loadAvg?: [number, number, number];
  cpus?: number;
  memTotalKb?: number;
  memAvailableKb?: number;
  kubeletVersion?: string;
  runtimeName?: string; // containerd | docker | cri-o
  runtimeVersion?: string;
}

export interface MountOptionalFields {
  shared?: number;
  master?: number;
  propagateFrom?: number;
  unbindable?: boolean;
  /** Every optional field verbatim, including unknown ones, in order. */
  raw: string[];
}

export interface MountEntry {
  mountId: number;
  parentId: number;
  major: number;
  minor: number;
  /** Root of the mount within the filesystem (field 4), unescaped. */
  root: string;
  /** Mount point relative to the process root (field 5), unescaped. */
  mountPoint: string;
  mountOptions: string[];
  optional: MountOptionalFields;
  fsType: string;
  /** Empty string when the kernel printed an empty source. */
  source: string;
  superOptions: string[];
  line: number;
}

export interface MountNamespace {
  /** Namespace inode, e.g. "4026531840"; "host" when unknown for the host table. */
  nsId: string;
  pid?: number;
  comm?: string;
  isHost: boolean;
  mounts: MountEntry[];
  /** Line in the artifact where this namespace's header (or table) starts. */
  line: number;
  probe: ProbeId;
}

export interface BlockDevice {
  name: string; // vdb, nvme0n1p1, dm-0
  majMin?: string; // "253:16"
  type?: string; // disk | part | lvm | loop | rom
  sizeBytes?: number;
  readOnly?: boolean;
  fsType?: string;
  mountpoints: string[];
  parent?: string;
  line: number;
}

export type ProcessState = 'R' | 'S' | 'D' | 'Z' | 'T' | 't' | 'I' | 'X' | 'W' | 'P' | '?';

export interface ProcessEntry {
  pid: number;
  ppid?: number;
  state: ProcessState;
  /** Full state column as printed, e.g. "I<", "Ss", "D+". */
  stateRaw: string;
  /** Seconds since the task started, when ps printed etimes/etime or start time was resolvable. */
  elapsedSeconds?: number;
  startedRaw?: string;
  threads?: number;
  cpuPercent?: number;
  rssKb?: number;
  wchan?: string;
  comm: string;
  args: string;
  /** Kernel threads: ppid 2 or pid 2, or args shown in [brackets] with no command line. */
  isKernelThread: boolean;
  line: number;
}

export interface CgroupHierarchy {
  subsys: string;
  hierarchyId: number;
  numCgroups: number;
  enabled: boolean;
  line: number;
}

export interface CgroupState {
  /** 1 = legacy, 2 = unified only, 'hybrid' = both mounted. */
  version?: 1 | 2 | 'hybrid';
  /** From /proc/cgroups. */
  hierarchies: CgroupHierarchy[];
  /** cgroup v2 root (or kubepods) cgroup.stat. */
  v2Stat?: { nrDescendants: number; nrDyingDescendants: number; line: number; path?: string };
  /** Directory counts per v1 hierarchy (or "unified"), from `find -type d | wc -l` style output. */
  dirCounts: Record<string, { count: number; line: number }>;
  kmem: {
    /** memory.kmem.slabinfo readable under kubepods: kmem accounting is on. */
    slabinfoReadable?: boolean;
    /** memory.kmem.limit_in_bytes set below the unlimited value on a kubepods cgroup. */
    limitSet?: boolean;
    limitBytes?: number;
    usageBytes?: number;
    line?: number;
  };
}

export interface PsiLine {
  avg10: number;
  avg60: number;
  avg300: number;
  total: number;
  line: number;
}

export interface PressureResource {
  some?: PsiLine;
  full?: PsiLine;
}

export interface PressureState {
  cpu?: PressureResource;
  memory?: PressureResource;
  io?: PressureResource;
  /** One pasted PSI file whose resource was not named (a bare `cat /proc/pressure/<r>`). */
  unlabelled?: PressureResource;
  /** False when /proc/pressure is absent (kernel < 4.20 or psi=0). */
  available: boolean;
}

export type ContainerState =
  | 'running'
  | 'created'
  | 'exited'
  | 'paused'
  | 'restarting'
  | 'dead'
  | 'removing'
  | 'unknown';

export interface ContainerEntry {
  id: string;
  name?: string;
  image?: string;
  state: ContainerState;
  /** Status text as printed, e.g. "Removal In Progress", "Exited (137) 3 days ago". */
  status: string;
  createdRaw?: string;
  pid?: number;
  podName?: string;
  podNamespace?: string;
  /** Error text from inspect/state, e.g. 'driver "overlay2" failed to remove root filesystem: …'. */
  error?: string;
  runtime: 'docker' | 'containerd' | 'cri-o' | 'unknown';
  line: number;
}

export interface SystemdState {
  /** Round-trip of the timed D-Bus ping of org.freedesktop.systemd1, ms. */
  pingMs?: number;
  pingTimedOut: boolean;
  pingError?: string;
  systemState?: string; // running | degraded | starting | …
  failedUnits: string[];
  errors: { text: string; line: number }[];
}

export interface KubeletProcInfo {
  pid?: number;
  cpuPercent?: number;
  rssKb?: number;
  threads?: number;
  sampleSeconds?: number;
}

export type LogSource = 'kubelet-log' | 'runtime-log' | 'dmesg';

export interface LogEvent {
  probe: LogSource;
  /** 1-based line of the first line of the record; continuation lines are folded into message. */
  line: number;
  /** Number of raw lines folded into this record. */
  lineCount: number;
  /** ISO-8601 UTC when the input said enough to compute it; otherwise undefined. */
  time?: string;
  /** Seconds since boot for raw dmesg lines. */
  monotonic?: number;
  /** klog or logfmt level letter/word normalised: E W I F D. */
  level?: 'E' | 'W' | 'I' | 'F' | 'D';
  /** Emitting source location, e.g. "nestedpendingoperations.go:301". */
  sourceLoc?: string;
  /** Process name from a syslog/journal prefix, e.g. kubelet, containerd, kernel. */
  unit?: string;
  message: string;
  /** Structured fields (logfmt, JSON, structured klog key=value). */
  fields?: Record<string, string>;
}

export interface ProbeStatus {
  probe: ProbeId;
  ok: boolean;
  timedOut: boolean;
  truncated: boolean;
  exitCode: number | null;
  error?: string;
}

export interface NodeState {
  system: SystemInfo;
  /** Host namespace first, then one per distinct other namespace. */
  mountNamespaces: MountNamespace[];
  blockDevices: BlockDevice[];
  processes: ProcessEntry[];
  cgroups: CgroupState;
  pressure: PressureState;
  containers: ContainerEntry[];
  systemd?: SystemdState;
  kubeletProc?: KubeletProcInfo;
  logs: Record<LogSource, LogEvent[]>;
  probes: ProbeStatus[];
  warnings: ParseWarning[];
}

export function emptyNodeState(): NodeState {
  return {
    system: {},
    mountNamespaces: [],
    blockDevices: [],
    processes: [],
    cgroups: { hierarchies: [], dirCounts: {}, kmem: {} },
    pressure: { available: false },
    containers: [],
    logs: { 'kubelet-log': [], 'runtime-log': [], dmesg: [] },
    probes: [],
    warnings: [],
  };
}
