import { ContainerIndex, type MountHolder } from '../analysis/container-index.ts';
import { buildDeviceIndex, devKey, majMinOf } from '../analysis/device-index.ts';
import { computeLogStats, type LogStats } from '../analysis/log-stats.ts';
import { buildMountGraph, type MountGraph } from '../analysis/mount-graph.ts';
import { isCsiGlobalmount, isPodVolume, rootfsScanner } from '../analysis/mount-paths.ts';
import type { ContainerEntry, MountEntry, MountNamespace, NodeState } from '../model/node-state.ts';
import type { DeviceBadge, DeviceClass, MountClass } from './types.ts';

/**
 * Every mount that belongs in the graph, resolved once per snapshot: host mounts and their
 * copies (under a container rootfs in the host table, or in another mount namespace), with the
 * device, the source host mount, the propagation relation, the holder and the leak bits. The
 * view (grouping, filters, expansion, layout) is computed from this model on every request,
 * so the model is what a server caches per snapshot.
 */

export interface DeviceRec {
  index: number;
  key: number;
  name: string;
  majMin: string;
  fsType: string;
  cls: DeviceClass;
  badges: DeviceBadge[];
  ioErrors: number;
  hostMounts: number[];
  copies: number[];
  leakedCopies: number;
}

export interface HolderRec {
  index: number;
  holder: MountHolder;
  container?: ContainerEntry;
  pod?: string;
  state: string;
  copies: number;
  leakedCopies: number;
  devices: Set<number>;
  reasons: number[];
}

export type Relation = 'shared' | 'master' | 'private' | 'unbindable';

export interface MountRec {
  index: number;
  ns: MountNamespace;
  m: MountEntry;
  role: 'host-mount' | 'copy';
  device: number;
  /** Class of the mount point (host mounts) or of the source host mount (copies). */
  cls: MountClass;
  /** Index of the source host mount of a copy. */
  source: number;
  holder: number;
  relation: Relation;
  /** Peer group the relation names (shared:N / master:N). */
  peer: number;
  bind: boolean;
  leakFlags: number;
  /** Another mount on the same mount point in the same namespace came before it. */
  stacked: boolean;
  /** Node id when drawn alone, and the id of its group (set once; views reuse them). */
  id: string;
  group: string;
}

export interface MountModel {
  node?: string;
  state: NodeState;
  graph: MountGraph;
  logs: LogStats;
  devices: DeviceRec[];
  holders: HolderRec[];
  records: MountRec[];
  /** Mounts left out of the graph: proc, sysfs, tmpfs, overlay roots, cgroups. */
  virtualRecords: number;
  totalRecords: number;
}

const NETWORK_FS = /^(?:nfs4?|cifs|smb3|ceph|glusterfs|fuse\..+|9p|lustre)$/;

function inGraph(m: MountEntry): boolean {
  return (m.major !== 0 && m.fsType !== 'overlay') || NETWORK_FS.test(m.fsType);
}

function mountClass(path: string): MountClass {
  return isCsiGlobalmount(path) ? 'csi-globalmount' : isPodVolume(path) ? 'pod-volume' : 'other';
}

const K8S_DOCKER_NAME = /^k8s_[^_]+_([^_]+)_([^_]+)_/;

function podOf(c: ContainerEntry | undefined): string | undefined {
  if (!c) return undefined;
  if (c.podName) return c.podNamespace ? `${c.podNamespace}/${c.podName}` : c.podName;
  const m = c.name ? K8S_DOCKER_NAME.exec(c.name) : null;
  return m ? `${m[2]}/${m[1]}` : undefined;
}

function stateOf(h: MountHolder): string {
  if (h.containerStatus && /removal in progress/i.test(h.containerStatus)) return 'Removal In Progress';
  if (h.containerState) return h.containerState;
  if (h.dead) return 'dead';
  return h.kind === 'namespace' ? 'namespace' : 'unknown';
}

function relationOf(copy: MountEntry, src: MountEntry | undefined): { relation: Relation; peer: number } {
  const o = copy.optional;
  if (o.unbindable) return { relation: 'unbindable', peer: 0 };
  if (src?.optional.shared !== undefined) {
    if (o.master === src.optional.shared) return { relation: 'master', peer: o.master };
    if (o.shared === src.optional.shared) return { relation: 'shared', peer: o.shared };
  }
  if (o.master !== undefined) return { relation: 'master', peer: o.master };
  if (o.shared !== undefined) return { relation: 'shared', peer: o.shared };
  return { relation: 'private', peer: 0 };
}

function badgesOf(
  ioErrors: number,
  shutdown: string[],
  known: boolean | undefined,
  ro: boolean,
): DeviceBadge[] {
  const out: DeviceBadge[] = [];
  if (ioErrors > 0) out.push('io-errors');
  if (shutdown.includes('journal-aborted')) out.push('journal-aborted');
  if (ro || shutdown.includes('remount-read-only')) out.push('read-only');
  if (shutdown.some((s) => s !== 'journal-aborted' && s !== 'remount-read-only')) out.push('fs-shutdown');
  if (known === false) out.push('missing-from-lsblk');
  // Gone from lsblk yet still failing I/O: the disk behind it was detached or deleted.
  if (known === false && (ioErrors > 0 || shutdown.length > 0)) out.push('backing-disk-gone');
  return out;
}

export function buildMountModel(state: NodeState, opts: { node?: string } = {}): MountModel {
  const index = buildDeviceIndex(state.blockDevices, state.mountNamespaces);
  const logs = computeLogStats(state);
  const ioErrorDevices = new Map<string, number>();
  for (const d of logs.devices)
    if (d.errors > 0 || d.shutdown.length > 0) ioErrorDevices.set(d.device, d.errors);
  const logReferences: string[] = [];
  for (const v of logs.volumes.failedVolumes) logReferences.push(...v.references);
  const leakFlags = new Map<MountEntry, number>();
  const graph = buildMountGraph(state, {
    ioErrorDevices,
    logReferences,
    devices: index,
    onLeak: (_ns, m, _h, flags) => leakFlags.set(m, flags),
  });
  const deviceLog = new Map(logs.devices.map((d) => [d.device, d]));
  const containers = new ContainerIndex(state.containers, state.processes);
  const byId = new Map(state.containers.map((c) => [c.id, c]));

  const devices: DeviceRec[] = [];
  const deviceByKey = new Map<number, DeviceRec>();
  const holders: HolderRec[] = [];
  const holderByKey = new Map<string, HolderRec>();
  const records: MountRec[] = [];
  let virtualRecords = 0;
  let totalRecords = 0;

  const deviceOf = (m: MountEntry): DeviceRec => {
    // Network filesystems have no device number: one "device" per server export.
    const mapKey = m.major !== 0 ? devKey(m) : hashKey(`${m.fsType} ${m.source}`);
    let d = deviceByKey.get(mapKey);
    if (d) return d;
    const name = m.major !== 0 ? index.nameOf(m) : m.source || m.fsType;
    const known = m.major !== 0 ? index.inBlockdev(name, mapKey) : undefined;
    const log = deviceLog.get(name);
    const bd = index.blockdevByName(name);
    d = {
      index: devices.length,
      key: mapKey,
      name,
      majMin: majMinOf(m),
      fsType: m.fsType,
      cls: NETWORK_FS.test(m.fsType) ? 'network' : 'no-host-mount',
      badges: badgesOf(log?.errors ?? 0, log?.shutdown ?? [], known, bd?.readOnly === true),
      ioErrors: log?.errors ?? 0,
      hostMounts: [],
      copies: [],
      leakedCopies: 0,
    };
    devices.push(d);
    deviceByKey.set(mapKey, d);
    return d;
  };

  const holderOf = (h: MountHolder): HolderRec => {
    let r = holderByKey.get(h.key);
    if (r) return r;
    const container = h.containerId ? byId.get(h.containerId) : undefined;
    r = {
      index: holders.length,
      holder: h,
      state: stateOf(h),
      copies: 0,
      leakedCopies: 0,
      devices: new Set(),
      reasons: [],
    };
    if (container) r.container = container;
    const pod = podOf(container);
    if (pod) r.pod = pod;
    holders.push(r);
    holderByKey.set(h.key, r);
    return r;
  };

  const add = (
    ns: MountNamespace,
    nsIndex: number,
    m: MountEntry,
    role: MountRec['role'],
    holder: number,
    seen: Set<string>,
  ) => {
    const d = deviceOf(m);
    const stacked = seen.has(m.mountPoint);
    seen.add(m.mountPoint);
    const rec: MountRec = {
      index: records.length,
      ns,
      m,
      role,
      device: d.index,
      cls: role === 'host-mount' ? mountClass(m.mountPoint) : 'other',
      source: -1,
      holder,
      relation: 'private',
      peer: 0,
      bind: m.root !== '/',
      leakFlags: leakFlags.get(m) ?? 0,
      stacked,
      id: role === 'host-mount' ? `h|${m.mountId}` : `c|${nsIndex}|${m.mountId}`,
      group: '',
    };
    records.push(rec);
    if (role === 'host-mount') d.hostMounts.push(rec.index);
    else d.copies.push(rec.index);
    return rec;
  };

  // Host mounts first, so every copy finds its source by device.
  state.mountNamespaces.forEach((ns, nsIndex) => {
    totalRecords += ns.mounts.length;
    const scan = ns.isHost ? rootfsScanner() : undefined;
    const seen = new Set<string>();
    for (const m of ns.mounts) {
      if (!inGraph(m)) {
        virtualRecords++;
        continue;
      }
      const r = scan?.(m.mountPoint);
      if (ns.isHost && !r) {
        add(ns, nsIndex, m, 'host-mount', -1, seen);
        continue;
      }
      const h = holderOf(r ? containers.forRootfs(r) : containers.forNamespace(ns));
      add(ns, nsIndex, m, 'copy', h.index, seen);
    }
  });

  for (const d of devices) {
    const classes = d.hostMounts.map((i) => (records[i] as MountRec).cls);
    if (classes.includes('csi-globalmount')) d.cls = 'csi';
    else if (classes.includes('pod-volume')) d.cls = 'pod-volume';
    else if (d.cls !== 'network' && d.hostMounts.length > 0) d.cls = 'system';
    for (const ci of d.copies) {
      const c = records[ci] as MountRec;
      const src = sourceFor(c, d, records);
      if (src) {
        c.source = src.index;
        c.cls = src.cls;
      }
      const rel = relationOf(c.m, src?.m);
      c.relation = rel.relation;
      c.peer = rel.peer;
      const h = holders[c.holder] as HolderRec;
      h.copies++;
      h.devices.add(d.index);
      if (c.leakFlags !== 0) {
        h.leakedCopies++;
        d.leakedCopies++;
        for (let b = 0; b < 31; b++) if (c.leakFlags & (1 << b)) h.reasons[b] = (h.reasons[b] ?? 0) + 1;
      }
    }
  }
  for (const r of records) {
    const d = devices[r.device] as DeviceRec;
    if (r.role === 'host-mount') r.group = `hg|${d.cls}|${r.cls}`;
    else {
      const src = r.source >= 0 ? (records[r.source] as MountRec).cls : 'none';
      r.group = `cg|${d.cls}|${src}|${r.holder}|${r.leakFlags !== 0 ? 'leak' : 'ok'}`;
    }
  }
  const model: MountModel = { state, graph, logs, devices, holders, records, virtualRecords, totalRecords };
  if (opts.node) model.node = opts.node;
  return model;
}

/** The host mount a copy came from: same peer group first, then same root, then the longest root prefix (a bind of a subdirectory). */
function sourceFor(c: MountRec, d: DeviceRec, records: MountRec[]): MountRec | undefined {
  let best: MountRec | undefined;
  let bestScore = -1;
  const o = c.m.optional;
  for (const hi of d.hostMounts) {
    const h = records[hi] as MountRec;
    const hs = h.m.optional.shared;
    let score = -1;
    if (hs !== undefined && (o.master === hs || o.shared === hs) && h.m.root === c.m.root) score = 4_000_000;
    else if (h.m.root === c.m.root) score = 3_000_000;
    else if (c.m.root.startsWith(h.m.root === '/' ? '/' : `${h.m.root}/`))
      score = 1_000_000 + h.m.root.length;
    if (score < 0) continue;
    // kubelet's own path wins among equals (GetDeviceMountRefs compares against it).
    if (h.cls !== 'other') score += 10;
    if (score > bestScore) {
      best = h;
      bestScore = score;
    }
    if (d.hostMounts.length > 64 && bestScore >= 4_000_000) break;
  }
  return best;
}

function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // Negative so it never meets a block device key (major << 20 | minor is positive).
  return -1 - (h >>> 0);
}
