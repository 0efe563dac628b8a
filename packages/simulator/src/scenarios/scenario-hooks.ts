import type { NodeContext } from '../generate/node-context.ts';
import type { LogEntry } from '../generate/log-entry.ts';
import type { NodeProfile } from '../model/node-profile.ts';
import type { PidAllocator } from '../model/pid-allocator.ts';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import type { BlockDev } from '../probes/lsblk-json.ts';
import type { MountIds } from '../probes/mountinfo-line.ts';
import type { PsRow } from '../probes/ps-table.ts';

export interface SystemModel {
  load: [number, number, number];
  runnable: number;
  memAvailableKb: number;
  slabKb: number;
}

export interface HostMountRefs {
  rootId: number;
  rootMajMin: string;
  rootDev: string;
  dataId?: number;
}

export interface NamespaceBlock {
  ns: string;
  pid: number;
  comm: string;
  lines: string[];
}

export interface ProcessModel {
  rows: PsRow[];
  kubelet: PsRow;
  pids: PidAllocator;
  /** Pid of each container's (and sandbox's) first process, by container id. */
  byContainer: Map<string, PsRow>;
}

export interface ContainerView {
  id: string;
  /** Container name (crictl) or k8s_<container>_<pod>_<ns>_<uid>_<attempt> (docker). */
  name: string;
  podName: string;
  podNamespace: string;
  podUid: string;
  sandboxId: string;
  image: string;
  imageId: string;
  command: string;
  state: 'running' | 'exited' | 'created' | 'removing' | 'dead';
  createdMs: number;
  finishedMs?: number;
  exitCode?: number;
  attempt: number;
  /** docker inspect .State.Error */
  error?: string;
  isSandbox: boolean;
}

export interface CgroupModel {
  rows: { subsys: string; hierarchy: number; num: number; enabled: number }[];
  mounts: string[];
  stats: { path: string; lines: string[] }[];
  dirs: { name: string; count: number }[];
  kmem?: { path: string; limit: string; usage: string; slabinfo: boolean };
}

export interface PsiValues {
  avg10: number;
  avg60: number;
  avg300: number;
  total: number;
}

export interface PsiModel {
  available: boolean;
  cpu: { some: PsiValues; full: PsiValues };
  memory: { some: PsiValues; full: PsiValues };
  io: { some: PsiValues; full: PsiValues };
}

export interface SystemdModel {
  hang: boolean;
  pingRc: number;
  pingMs: number;
  pingOutput?: string;
  state: string;
  failedUnits: string[];
}

export interface KubeletProcModel {
  pid: number;
  cpuTicks: number;
  hz: number;
  rssKb: number;
  threads: number;
}

/**
 * What a scenario adds to or changes in a healthy node. Every hook is optional and pure in
 * (context, arguments); the probe generators call them while building their output.
 */
export interface ScenarioHooks {
  profile?(p: NodeProfile, node: ResolvedNode): void;
  system?(ctx: NodeContext, s: SystemModel): void;
  hostMounts?(ctx: NodeContext, ids: MountIds, refs: HostMountRefs): string[];
  namespaces?(ctx: NodeContext): NamespaceBlock[];
  blockDevices?(ctx: NodeContext, devices: BlockDev[]): void;
  processes?(ctx: NodeContext, m: ProcessModel): void;
  containers?(ctx: NodeContext, list: ContainerView[]): void;
  kubeletLog?(ctx: NodeContext, from: number, to: number): LogEntry[];
  runtimeLog?(ctx: NodeContext, from: number, to: number): LogEntry[];
  dmesg?(ctx: NodeContext): LogEntry[];
  cgroups?(ctx: NodeContext, m: CgroupModel): void;
  psi?(ctx: NodeContext, m: PsiModel): void;
  systemd?(ctx: NodeContext, m: SystemdModel): void;
  kubeletProc?(ctx: NodeContext, m: KubeletProcModel): void;
}
