import type { LeakReason } from '../analysis/mount-graph.ts';
import type { UmountPlanGroup } from '../analysis/umount-plan.ts';
import type { ProbeId } from '../model/probe-id.ts';

/**
 * The grouped mount graph payload (DESIGN.md contract: nodes, edges, holders, umountPlan),
 * plus the fixed-column layout and the totals the page and the CLI print. JSON-safe.
 */

export type MountNodeKind = 'device' | 'host-mount' | 'copy-group' | 'copy' | 'namespace' | 'container';
/** device -> host mount: `mount`; host mount -> copy: the propagation relation; copy -> holder: `holds`. */
export type MountEdgeKind = 'mount' | 'shared' | 'master' | 'private' | 'unbindable' | 'holds';
export type DeviceClass = 'csi' | 'pod-volume' | 'system' | 'network' | 'no-host-mount';
export type MountClass = 'csi-globalmount' | 'pod-volume' | 'other';
export type DeviceBadge =
  | 'io-errors'
  | 'journal-aborted'
  | 'read-only'
  | 'fs-shutdown'
  | 'missing-from-lsblk'
  | 'backing-disk-gone';

export const DEVICE_CLASSES: readonly DeviceClass[] = [
  'csi',
  'pod-volume',
  'system',
  'network',
  'no-host-mount',
];
export const DEVICE_BADGES: readonly DeviceBadge[] = [
  'io-errors',
  'journal-aborted',
  'read-only',
  'fs-shutdown',
  'missing-from-lsblk',
  'backing-disk-gone',
];

export interface MountViewNode {
  id: string;
  kind: MountNodeKind;
  label: string;
  /** Devices, mounts or copies the node stands for (1 for a single one). */
  count: number;
  leak: boolean;
  /** Holder state: running, exited, dead, Removal In Progress… */
  state?: string;
  /** Leaked copies below this node. */
  leakCount: number;
  /** Second line: path, class, pid. */
  detail?: string;
  /** Device badges (own, or how many devices of a group carry each). */
  badges?: Partial<Record<DeviceBadge, number>>;
  /** A group that can be expanded (one at a time) into its members. */
  expandable?: boolean;
  /** Members of the expanded group not drawn (the expansion cap): its "N more" node. */
  hidden?: number;
  deviceClass?: DeviceClass;
  fsType?: string;
  /** Holder key of copy groups and holders (filter value); a single copy's holder is its `holds` edge. */
  holder?: string;
  column: number;
  x: number;
  y: number;
}

export interface MountViewEdge {
  from: string;
  to: string;
  kind: MountEdgeKind;
  count: number;
  /** "shared:7276", "master:7276", "master (6,385 peer groups)", "bind /sub/dir". */
  label?: string;
  /** Copies among count that are binds of a subdirectory (root != /). */
  bind?: number;
  leak: boolean;
}

export interface MountViewHolder {
  holder: string;
  label: string;
  kind: 'container' | 'namespace';
  container?: string;
  containerId?: string;
  pod?: string;
  state: string;
  pid?: number;
  nsId?: string;
  copies: number;
  devices: number;
  leak: boolean;
  leakedCopies: number;
  reasons: Partial<Record<LeakReason, number>>;
}

export interface MountViewFilters {
  leaksOnly?: boolean;
  /** Holder key (container:<id>, ns:<id>) */
  holder?: string;
  deviceClass?: DeviceClass;
  fsType?: string;
  /** Substring of a path, device name or container name/id. */
  q?: string;
}

export interface MountViewOptions {
  /** Id of the one expanded group. */
  expand?: string;
  filters?: MountViewFilters;
  /** Nodes drawn at most (default 800). */
  cap?: number;
  /** Members of the expanded group drawn at most (default 200); the group node keeps the rest. */
  expandCap?: number;
}

export interface MountViewTotals {
  records: number;
  namespaces: number;
  blockRecords: number;
  virtualRecords: number;
  devices: number;
  hostMounts: number;
  copies: number;
  leakedCopies: number;
  leakedDevices: number;
  holders: number;
  leakHolders: number;
  /** After filters. */
  shownDevices: number;
  shownCopies: number;
}

export interface MountViewLayout {
  columns: string[];
  columnWidth: number;
  nodeWidth: number;
  nodeHeight: number;
  width: number;
  height: number;
}

export interface MountView {
  node?: string;
  nodes: MountViewNode[];
  edges: MountViewEdge[];
  holders: MountViewHolder[];
  umountPlan: UmountPlanGroup[];
  totals: MountViewTotals;
  layout: MountViewLayout;
  /** One plain sentence: the leak chain, or "nothing leaks". */
  summary: string;
  expanded?: string;
  /** Values the filters can take on this node. */
  facets: { deviceClasses: DeviceClass[]; fsTypes: string[]; holders: { key: string; label: string }[] };
  capped: boolean;
}

export interface RawLine {
  probe: ProbeId;
  line: number;
  text: string;
  nsId?: string;
}

export interface MountSelection {
  id: string;
  kind: MountNodeKind;
  title: string;
  mountLines: RawLine[];
  mountLineTotal: number;
  kubeletLines: RawLine[];
  kubeletLineTotal: number;
  dmesgLines: RawLine[];
  dmesgLineTotal: number;
  kernelThreads: RawLine[];
  kernelThreadTotal: number;
  container?: RawLine & {
    id: string;
    name?: string;
    state: string;
    status: string;
    pod?: string;
    error?: string;
  };
  /** Members of a group, for the side panel list. */
  members: { id: string; label: string; detail?: string; leak: boolean }[];
  memberTotal: number;
}

/** One row of the table mode and of the leaks CSV: a copy (or a host mount). */
export interface MountRow {
  role: 'host-mount' | 'copy';
  path: string;
  device: string;
  majMin: string;
  fsType: string;
  root: string;
  propagation: string;
  nsId: string;
  holder: string;
  holderLabel: string;
  state: string;
  hostPath: string;
  leak: boolean;
  reasons: LeakReason[];
  probe: ProbeId;
  line: number;
}
