import { plural } from '../format/number.ts';
import { LEAK_REASONS, type LeakReason } from '../analysis/mount-graph.ts';
import {
  DEVICE_CLASS_LABEL,
  fmt,
  holderDetail,
  holderName,
  MOUNT_CLASS_LABEL,
  pathPattern,
  propagationText,
} from './labels.ts';
import { layoutColumns } from './layout.ts';
import type { DeviceRec, HolderRec, MountModel, MountRec } from './mount-model.ts';
import type {
  DeviceBadge,
  DeviceClass,
  MountEdgeKind,
  MountView,
  MountViewEdge,
  MountViewFilters,
  MountViewHolder,
  MountViewNode,
  MountViewOptions,
} from './types.ts';

/**
 * Model -> grouped graph. Every device, host mount and copy maps to one drawn node per
 * column: itself when its group is small or is the one expanded group, else the group. Edges
 * are the distinct (from, to, relation) pairs with counts. Linear in the records.
 */

export const DRAW_CAP = 800;
/**
 * Members of the expanded group drawn at most; the rest stay in the group node, which then
 * says how many more there are. 200 paths are more than anyone reads on a screen, and keep
 * the payload and the browser's render of an expansion small (a search narrows further).
 */
export const EXPAND_CAP = 200;
/** Groups this small are drawn member by member: a group of three says less than three names. */
const SMALL = 6;
const HOLDER_CAP = 150;

type Acc = Omit<MountViewNode, 'column' | 'y' | 'x'> & { members: string[]; parent?: string };

export function deviceGroupId(cls: DeviceClass): string {
  return `dg|${cls}`;
}

export const deviceId = (d: DeviceRec): string => `d|${d.name}`;
export const recordId = (r: MountRec): string => r.id;
export const holderId = (h: HolderRec): string => `o|${h.index}`;

/** What does not depend on filters or expansion, computed once per model. */
interface Statics {
  hostMounts: number;
  copies: number;
  leakHolders: number;
  summary: string;
  facets: MountView['facets'];
}
const staticsOf = new WeakMap<MountModel, Statics>();

function statics(model: MountModel): Statics {
  const hit = staticsOf.get(model);
  if (hit) return hit;
  let hostMounts = 0;
  for (const r of model.records) if (r.role === 'host-mount') hostMounts++;
  const s: Statics = {
    hostMounts,
    copies: model.records.length - hostMounts,
    leakHolders: model.holders.filter((h) => h.leakedCopies > 0).length,
    summary: summaryOf(model),
    facets: {
      deviceClasses: [...new Set(model.devices.map((d) => d.cls))],
      fsTypes: [...new Set(model.devices.map((d) => d.fsType))].sort(),
      holders: [...model.holders]
        .sort((a, b) => b.leakedCopies - a.leakedCopies || b.copies - a.copies)
        .slice(0, 200)
        .map((h) => ({ key: h.holder.key, label: `${holderName(h)} (${h.state})` })),
    },
  };
  staticsOf.set(model, s);
  return s;
}
function matches(model: MountModel, f: MountViewFilters): { devices: boolean[]; records: boolean[] } {
  const q = f.q?.trim().toLowerCase() ?? '';
  const devOk = model.devices.map((d) => {
    if (f.deviceClass && d.cls !== f.deviceClass) return false;
    if (f.fsType && d.fsType !== f.fsType) return false;
    if (f.leaksOnly && d.leakedCopies === 0) return false;
    if (!q) return true;
    if (d.name.toLowerCase().includes(q) || d.majMin === q) return true;
    for (const i of d.hostMounts)
      if ((model.records[i] as MountRec).m.mountPoint.toLowerCase().includes(q)) return true;
    for (const i of d.copies) {
      const r = model.records[i] as MountRec;
      if (r.m.mountPoint.toLowerCase().includes(q)) return true;
    }
    return false;
  });
  const holderQ = q
    ? model.holders.map((h) => {
        const c = h.holder;
        return [c.containerId, c.containerName, h.pod, c.nsId, c.label].some((s) =>
          s?.toLowerCase().includes(q),
        );
      })
    : [];
  // A search naming a container keeps every device it holds.
  if (q) {
    for (const h of model.holders) {
      if (!holderQ[h.index]) continue;
      for (const di of h.devices) {
        const d = model.devices[di] as DeviceRec;
        if ((!f.deviceClass || d.cls === f.deviceClass) && (!f.fsType || d.fsType === f.fsType))
          devOk[di] = true;
      }
    }
  }
  const recOk = new Array<boolean>(model.records.length).fill(false);
  for (const r of model.records) {
    if (!devOk[r.device]) continue;
    if (r.role === 'copy') {
      if (f.leaksOnly && r.leakFlags === 0) continue;
      if (f.holder && (model.holders[r.holder] as HolderRec).holder.key !== f.holder) continue;
      recOk[r.index] = true;
      if (r.source >= 0) recOk[r.source] = true;
    } else if (!f.leaksOnly && !f.holder) recOk[r.index] = true;
  }
  return { devices: devOk, records: recOk };
}

export function buildMountView(model: MountModel, opts: MountViewOptions = {}): MountView {
  const filters = opts.filters ?? {};
  const cap = Math.max(20, opts.cap ?? DRAW_CAP);
  const keep = matches(model, filters);
  const recs = model.records.filter((r) => keep.records[r.index]);
  const devs = model.devices.filter((d) => keep.devices[d.index]);

  // Holders drawn: leaking first, then by copies; the tail folds into one node.
  const shownHolders = new Map<number, number>();
  for (const r of recs)
    if (r.role === 'copy') shownHolders.set(r.holder, (shownHolders.get(r.holder) ?? 0) + 1);
  const holderOrder = [...shownHolders.keys()].sort((a, b) => {
    const ha = model.holders[a] as HolderRec;
    const hb = model.holders[b] as HolderRec;
    return (
      hb.leakedCopies - ha.leakedCopies || (shownHolders.get(b) ?? 0) - (shownHolders.get(a) ?? 0) || a - b
    );
  });
  const folded = new Set(holderOrder.slice(HOLDER_CAP));

  // Group sizes per column; members are only listed for groups drawn member by member.
  const sizes = new Map<string, number>();
  const grow = (g: string) => sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const devUsed = new Set<number>();
  for (const r of recs) devUsed.add(r.device);
  for (const d of devs) if (devUsed.has(d.index)) grow(deviceGroupId(d.cls));
  for (const r of recs) grow(r.group);
  let collapsedCount = 0;
  for (const n of sizes.values()) collapsedCount += n <= SMALL ? n : 1;
  collapsedCount += Math.min(holderOrder.length, HOLDER_CAP + 1);
  const expanded = opts.expand && sizes.has(opts.expand) ? opts.expand : undefined;
  const budget = Math.max(0, Math.min(opts.expandCap ?? EXPAND_CAP, cap - collapsedCount));
  const individual = new Set<string>();
  let taken = 0;
  const place = (g: string, id: string) => {
    const n = sizes.get(g) as number;
    if (n <= SMALL) individual.add(id);
    else if (g === expanded && taken < budget) {
      individual.add(id);
      taken++;
    }
  };
  for (const d of devs) if (devUsed.has(d.index)) place(deviceGroupId(d.cls), deviceId(d));
  for (const r of recs) place(r.group, r.id);
  const capped = expanded !== undefined && taken < (sizes.get(expanded) as number);
  const vis = (group: string, id: string): string => (individual.has(id) ? id : group);

  const nodes = new Map<string, Acc>();
  const nodeList: Acc[] = [];
  const nodeIndex = new Map<Acc, number>();
  const newNode = (n: Omit<Acc, 'count' | 'leakCount' | 'leak' | 'members'>): Acc => {
    const a: Acc = { ...n, count: 0, leakCount: 0, leak: false, members: [] };
    nodes.set(n.id, a);
    nodeIndex.set(a, nodeList.length);
    nodeList.push(a);
    return a;
  };
  // Edges keyed by number (from, to, kind): 26,000 string keys per request add up.
  const KINDS: MountEdgeKind[] = ['mount', 'shared', 'master', 'private', 'unbindable', 'holds'];
  const edges = new Map<number, MountViewEdge & { peers: Set<number> }>();
  const edge = (from: Acc, to: Acc, kind: MountEdgeKind, r: MountRec | undefined, leak: boolean) => {
    const key =
      ((nodeIndex.get(from) as number) * 65536 + (nodeIndex.get(to) as number)) * 8 + KINDS.indexOf(kind);
    let e = edges.get(key);
    if (!e) {
      e = { from: from.id, to: to.id, kind, count: 0, leak: false, peers: new Set() };
      edges.set(key, e);
    }
    e.count++;
    if (leak) e.leak = true;
    if (r?.bind) e.bind = (e.bind ?? 0) + 1;
    if (r?.peer && e.peers.size < 3) e.peers.add(r.peer);
  };

  const devNodes: (Acc | undefined)[] = [];
  const devNode = (d: DeviceRec): Acc => {
    const cached = devNodes[d.index];
    if (cached) return cached;
    const id = vis(deviceGroupId(d.cls), deviceId(d));
    const n =
      nodes.get(id) ??
      newNode(
        id.startsWith('d|')
          ? {
              id,
              kind: 'device',
              label: d.name,
              detail: `${d.majMin} · ${d.fsType}`,
              deviceClass: d.cls,
              fsType: d.fsType,
            }
          : { id, kind: 'device', label: DEVICE_CLASS_LABEL[d.cls], deviceClass: d.cls, expandable: true },
      );
    devNodes[d.index] = n;
    return n;
  };
  // Devices are counted once, with their badges.
  for (const d of devs) {
    if (!devUsed.has(d.index)) continue;
    const n = devNode(d);
    n.count++;
    if (d.leakedCopies > 0) n.leak = true;
    if (d.badges.length > 0) {
      n.badges ??= {};
      for (const b of d.badges) n.badges[b as DeviceBadge] = (n.badges[b as DeviceBadge] ?? 0) + 1;
    }
  }

  const hostNode = (r: MountRec): Acc => {
    const id = vis(r.group, r.id);
    const found = nodes.get(id);
    if (found) return found;
    const d = model.devices[r.device] as DeviceRec;
    return newNode(
      id === r.group
        ? { id, kind: 'host-mount', label: MOUNT_CLASS_LABEL[r.cls], deviceClass: d.cls, expandable: true }
        : {
            id,
            kind: 'host-mount',
            label: r.m.mountPoint,
            detail: `${d.name} · ${r.m.fsType} · ${propagationText(r)}${r.bind ? ` · root ${r.m.root}` : ''}${r.stacked ? ' · stacked' : ''}`,
          },
    );
  };
  const holderNodes: (Acc | undefined)[] = [];
  const holderNode = (h: HolderRec): Acc => {
    const cached = holderNodes[h.index];
    if (cached) return cached;
    const hid = folded.has(h.index) ? 'o|other' : holderId(h);
    const n =
      nodes.get(hid) ??
      newNode(
        hid === 'o|other'
          ? { id: hid, kind: 'namespace', label: `${fmt(folded.size)} other holders`, state: 'various' }
          : {
              id: hid,
              kind: h.holder.kind === 'namespace' ? 'namespace' : 'container',
              label: holderName(h),
              detail: holderDetail(h),
              state: h.state,
              holder: h.holder.key,
            },
      );
    holderNodes[h.index] = n;
    return n;
  };

  for (const r of recs) {
    const d = model.devices[r.device] as DeviceRec;
    const dn = devNode(d);
    const leak = r.leakFlags !== 0;
    if (r.role === 'host-mount') {
      const n = hostNode(r);
      n.count++;
      if (n.members.length < 2) n.members.push(r.m.mountPoint);
      else n.members[1] = r.m.mountPoint;
      edge(dn, n, 'mount', r, false);
      continue;
    }
    const h = model.holders[r.holder] as HolderRec;
    const id = vis(r.group, r.id);
    const n =
      nodes.get(id) ??
      newNode(
        id === r.group
          ? {
              id,
              kind: 'copy-group',
              label: `copies held by ${holderName(h)}`,
              holder: h.holder.key,
              deviceClass: d.cls,
              expandable: true,
            }
          : {
              id,
              kind: 'copy',
              label: r.m.mountPoint,
              detail: `${d.name} · ${propagationText(r)}${r.bind ? ` · root ${r.m.root}` : ''}${r.ns.isHost ? ' · host table' : ` · ns ${r.ns.nsId}`}${r.stacked ? ' · stacked' : ''}`,
            },
      );
    n.count++;
    if (n.members.length < 2) n.members.push(r.m.mountPoint);
    else n.members[1] = r.m.mountPoint;
    if (leak) {
      n.leak = true;
      n.leakCount++;
    }
    const from = r.source >= 0 ? hostNode(model.records[r.source] as MountRec) : dn;
    edge(from, n, r.relation, r, leak);
    const hn = holderNode(h);
    hn.count++;
    if (leak) {
      hn.leak = true;
      hn.leakCount++;
    }
    edge(n, hn, 'holds', undefined, leak);
    // Leak counts flow upstream so a collapsed device or host group says how much of it leaks.
    if (leak) {
      dn.leakCount++;
      dn.leak = true;
      if (from !== dn) {
        from.leakCount++;
        from.leak = true;
      }
    }
  }
  for (const n of nodeList)
    if (n.expandable && n.members.length > 0 && n.kind !== 'device') n.detail = pathPattern(n.members);

  // The expanded group's node keeps the members that did not fit: "N more".
  if (capped && expanded) {
    const g = nodes.get(expanded);
    if (g) g.hidden = g.count;
  }
  for (const n of nodes.values()) if (n.expandable && n.count <= SMALL) n.expandable = false;

  const edgeList: MountViewEdge[] = [];
  for (const e of edges.values()) {
    const { peers, ...rest } = e;
    if (e.kind === 'shared' || e.kind === 'master') {
      rest.label =
        e.count === 1 || peers.size === 1
          ? `${e.kind}:${[...peers][0]}`
          : `${e.kind} (${peers.size >= 3 ? `${fmt(e.count)} mounts` : [...peers].map((p) => `${e.kind}:${p}`).join(', ')})`;
    } else if (e.kind !== 'holds') rest.label = e.kind;
    if (e.bind) rest.label = `${rest.label ?? e.kind} · bind ×${fmt(e.bind)}`;
    edgeList.push(rest);
  }

  const laidOut = layoutColumns(nodeList, edgeList);
  const st = statics(model);
  let shownCopies = 0;
  for (const r of recs) if (r.role === 'copy') shownCopies++;
  const holders = holderRows(model, holderOrder.slice(0, 200));
  const view: MountView = {
    nodes: laidOut.nodes,
    edges: edgeList,
    holders,
    umountPlan: model.graph.umountPlan,
    totals: {
      records: model.totalRecords,
      namespaces: model.state.mountNamespaces.length,
      blockRecords: model.records.length,
      virtualRecords: model.virtualRecords,
      devices: model.devices.length,
      hostMounts: st.hostMounts,
      copies: st.copies,
      leakedCopies: model.graph.leakedCopies,
      leakedDevices: model.graph.leakedDevices,
      holders: model.holders.length,
      leakHolders: st.leakHolders,
      shownDevices: devUsed.size,
      shownCopies,
    },
    layout: laidOut.layout,
    summary: st.summary,
    facets: st.facets,
    capped,
  };
  if (model.node) view.node = model.node;
  if (expanded) view.expanded = expanded;
  return view;
}

function reasonsRecord(counts: number[]): Partial<Record<LeakReason, number>> {
  const out: Partial<Record<LeakReason, number>> = {};
  LEAK_REASONS.forEach((r, i) => {
    if ((counts[i] ?? 0) > 0) out[r] = counts[i];
  });
  return out;
}

function holderRows(model: MountModel, order: number[]): MountViewHolder[] {
  return order.map((i) => {
    const h = model.holders[i] as HolderRec;
    const c = h.holder;
    const row: MountViewHolder = {
      holder: c.key,
      label: c.label,
      kind: c.kind === 'namespace' ? 'namespace' : 'container',
      state: h.state,
      copies: h.copies,
      devices: h.devices.size,
      leak: h.leakedCopies > 0,
      leakedCopies: h.leakedCopies,
      reasons: reasonsRecord(h.reasons),
    };
    if (c.containerName) row.container = c.containerName;
    if (c.containerId) row.containerId = c.containerId;
    if (h.pod) row.pod = h.pod;
    if (c.pid !== undefined) row.pid = c.pid;
    if (c.nsId) row.nsId = c.nsId;
    return row;
  });
}

/** "6,385 CSI disks -> CSI globalmount -> 12,777 copies held by logxxx-ds-hsbv9, dead, Removal In Progress". */
export function summaryOf(model: MountModel): string {
  const leaking = model.holders
    .filter((h) => h.leakedCopies > 0)
    .sort((a, b) => b.leakedCopies - a.leakedCopies);
  if (leaking.length === 0) {
    return `Nothing leaks: ${fmt(model.totalRecords)} mount records in ${plural(model.state.mountNamespaces.length, 'namespace')}, ${plural(model.devices.length, 'device')}; every copy belongs to a live holder.`;
  }
  const parts = leaking.slice(0, 3).map((h) => {
    const cls = new Map<DeviceClass, number>();
    const hostCls = new Map<string, number>();
    for (const di of h.devices) {
      const d = model.devices[di] as DeviceRec;
      cls.set(d.cls, (cls.get(d.cls) ?? 0) + 1);
    }
    for (const r of model.records)
      if (r.holder === h.index && r.leakFlags !== 0 && r.source >= 0) {
        const s = model.records[r.source] as MountRec;
        hostCls.set(s.cls, (hostCls.get(s.cls) ?? 0) + 1);
      }
    const topCls = [...cls.entries()].sort((a, b) => b[1] - a[1])[0];
    const topHost = [...hostCls.entries()].sort((a, b) => b[1] - a[1])[0];
    const others = topCls ? h.devices.size - topCls[1] : 0;
    const devicesText = topCls
      ? `${fmt(topCls[1])} ${DEVICE_CLASS_LABEL[topCls[0]]}${others > 0 ? ` (+${fmt(others)} other device${others === 1 ? '' : 's'})` : ''}`
      : `${fmt(h.devices.size)} devices`;
    const hostText = topHost ? ` -> ${MOUNT_CLASS_LABEL[topHost[0] as keyof typeof MOUNT_CLASS_LABEL]}` : '';
    return `${devicesText}${hostText} -> ${fmt(h.leakedCopies)} copies held by ${holderName(h)}, ${h.holder.dead && h.state !== 'dead' ? 'dead, ' : ''}${h.state}`;
  });
  const more = leaking.length > 3 ? `; and ${leaking.length - 3} more holders` : '';
  return `${parts.join('; ')}${more}`;
}
