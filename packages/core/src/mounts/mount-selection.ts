import type { LogEvent } from '../model/node-state.ts';
import type { ProbeId } from '../model/probe-id.ts';
import { DEVICE_CLASS_LABEL, holderName, MOUNT_CLASS_LABEL, propagationText } from './labels.ts';
import type { DeviceRec, HolderRec, MountModel, MountRec } from './mount-model.ts';
import { deviceGroupId, deviceId } from './mount-view.ts';
import type { MountNodeKind, MountSelection, RawLine } from './types.ts';

/**
 * The side panel of one selected node: raw mountinfo lines per namespace, kubelet lines that
 * name its paths, dmesg lines and kernel threads of its devices, the holder's container
 * record. Lists are capped; totals say how many there were.
 */

/** Lines per list: the panel is read, not scrolled through; the artifact links open the rest. */
const CAP = 25;
const PATH_CAP = 200;

/** Raw text of an artifact line when the caller has the artifacts; rebuilt from the entry otherwise. */
export type LineText = (probe: ProbeId, line: number) => string | undefined;

interface Target {
  kind: MountNodeKind;
  title: string;
  records: MountRec[];
  devices: DeviceRec[];
  holder?: HolderRec;
  members: MountSelection['members'];
  memberTotal: number;
}

function resolve(model: MountModel, id: string): Target | undefined {
  const [tag] = id.split('|', 1);
  const recs = model.records;
  if (tag === 'd') {
    const d = model.devices.find((x) => deviceId(x) === id);
    if (!d) return undefined;
    const records = [...d.hostMounts, ...d.copies].map((i) => recs[i] as MountRec);
    return {
      kind: 'device',
      title: `device ${d.name} (${d.majMin})`,
      records,
      devices: [d],
      members: [],
      memberTotal: 0,
    };
  }
  if (tag === 'h' || tag === 'c') {
    const r = recs.find((x) => x.id === id);
    if (!r) return undefined;
    const d = model.devices[r.device] as DeviceRec;
    const related = r.role === 'copy' && r.source >= 0 ? [r, recs[r.source] as MountRec] : [r];
    const t: Target = {
      kind: r.role === 'copy' ? 'copy' : 'host-mount',
      title: r.m.mountPoint,
      records: related,
      devices: [d],
      members: [],
      memberTotal: 0,
    };
    if (r.role === 'copy') t.holder = model.holders[r.holder] as HolderRec;
    return t;
  }
  if (tag === 'o') {
    const h = model.holders[Number(id.slice(2))];
    if (!h) return undefined;
    const records = recs.filter((r) => r.role === 'copy' && r.holder === h.index);
    return {
      kind: h.holder.kind === 'namespace' ? 'namespace' : 'container',
      title: holderName(h),
      records,
      devices: [...h.devices].slice(0, CAP).map((i) => model.devices[i] as DeviceRec),
      holder: h,
      members: [],
      memberTotal: 0,
    };
  }
  if (tag === 'dg') {
    const devices = model.devices.filter((d) => deviceGroupId(d.cls) === id);
    if (devices.length === 0) return undefined;
    return {
      kind: 'device',
      title: `${devices.length.toLocaleString('en-US')} ${DEVICE_CLASS_LABEL[(devices[0] as DeviceRec).cls]}`,
      records: devices
        .slice(0, CAP)
        .flatMap((d) => [...d.hostMounts, ...d.copies].map((i) => recs[i] as MountRec)),
      devices: devices.slice(0, CAP),
      members: devices.slice(0, CAP).map((d) => ({
        id: deviceId(d),
        label: d.name,
        detail: `${d.majMin} · ${d.fsType}${d.badges.length ? ` · ${d.badges.join(', ')}` : ''}`,
        leak: d.leakedCopies > 0,
      })),
      memberTotal: devices.length,
    };
  }
  if (tag === 'hg' || tag === 'cg') {
    const records = recs.filter((r) => r.group === id);
    if (records.length === 0) return undefined;
    const t: Target = {
      kind: tag === 'hg' ? 'host-mount' : 'copy-group',
      title:
        tag === 'hg'
          ? `${records.length.toLocaleString('en-US')} ${MOUNT_CLASS_LABEL[(records[0] as MountRec).cls]}`
          : `${records.length.toLocaleString('en-US')} copies held by ${holderName(model.holders[(records[0] as MountRec).holder] as HolderRec)}`,
      records: records.slice(0, CAP),
      devices: [...new Set(records.slice(0, CAP).map((r) => r.device))].map(
        (i) => model.devices[i] as DeviceRec,
      ),
      members: records.slice(0, CAP).map((r) => ({
        id: r.id,
        label: r.m.mountPoint,
        detail: `${(model.devices[r.device] as DeviceRec).name} · ${propagationText(r)}`,
        leak: r.leakFlags !== 0,
      })),
      memberTotal: records.length,
    };
    if (tag === 'cg') t.holder = model.holders[(records[0] as MountRec).holder] as HolderRec;
    return t;
  }
  return undefined;
}

function mountLine(r: MountRec, text: LineText | undefined): RawLine {
  const m = r.m;
  const raw =
    text?.(r.ns.probe, r.m.line) ??
    `${m.mountId} ${m.parentId} ${m.major}:${m.minor} ${m.root} ${m.mountPoint} ${m.mountOptions.join(',')}${m.optional.raw.length ? ` ${m.optional.raw.join(' ')}` : ''} - ${m.fsType} ${m.source} ${m.superOptions.join(',')}`;
  const line: RawLine = { probe: r.ns.probe, line: m.line, text: raw };
  if (!r.ns.isHost) line.nsId = r.ns.nsId;
  return line;
}

function logLines(events: LogEvent[], test: (msg: string) => boolean): { lines: RawLine[]; total: number } {
  const lines: RawLine[] = [];
  let total = 0;
  for (const e of events) {
    if (!test(e.message)) continue;
    total++;
    if (lines.length < CAP) lines.push({ probe: e.probe, line: e.line, text: e.message });
  }
  return { lines, total };
}

/** Characters that end a path in a log message: blank, quote, bracket, comma, brace. */
const STOP = new Set([9, 10, 32, 34, 39, 44, 93, 125]);
const pathIndexes = new WeakMap<MountModel, Map<string, number[]>>();

/**
 * Paths named in kubelet messages -> event indexes, built once per model: testing every
 * path of a group against thousands of long retry messages is quadratic.
 */
function kubeletLinesFor(model: MountModel, paths: Set<string>): { lines: RawLine[]; total: number } {
  const events = model.state.logs['kubelet-log'];
  let index = pathIndexes.get(model);
  if (!index) {
    index = new Map();
    events.forEach((e, i) => {
      const msg = e.message;
      for (let s = msg.indexOf('/'); s >= 0; ) {
        let end = s;
        while (end < msg.length && !STOP.has(msg.charCodeAt(end))) end++;
        const p = msg.slice(s, end);
        const l = (index as Map<string, number[]>).get(p);
        if (l) {
          if (l[l.length - 1] !== i) l.push(i);
        } else (index as Map<string, number[]>).set(p, [i]);
        s = msg.indexOf(' /', end);
        if (s >= 0) s++;
        const q = msg.indexOf('"/', end);
        const b = msg.indexOf('[/', end);
        for (const c of [q, b]) if (c >= 0 && (s < 0 || c + 1 < s)) s = c + 1;
      }
    });
    pathIndexes.set(model, index);
  }
  const hits = new Set<number>();
  for (const p of paths) for (const i of index.get(p) ?? []) hits.add(i);
  const sorted = [...hits].sort((a, b) => a - b);
  return {
    lines: sorted.slice(0, CAP).map((i) => {
      const e = events[i] as LogEvent;
      return { probe: e.probe, line: e.line, text: e.message };
    }),
    total: sorted.length,
  };
}

/** Device name as the kernel prints it: "(device vdfiw)", "dev vdfiw,", "vdfiw-8", "(vdfiw)". */
function mentionsDevice(msg: string, names: Set<string>): boolean {
  for (const n of names) {
    for (let i = msg.indexOf(n); i >= 0; i = msg.indexOf(n, i + 1)) {
      const before = i === 0 ? ' ' : msg[i - 1];
      const after = msg[i + n.length] ?? ' ';
      if (/[\s(/]/.test(before as string) && /[\s)\-,:.]/.test(after)) return true;
    }
  }
  return false;
}

export function selectMountNode(model: MountModel, id: string, text?: LineText): MountSelection | undefined {
  const t = resolve(model, id);
  if (!t) return undefined;
  const mountLines = t.records.slice(0, CAP).map((r) => mountLine(r, text));
  const paths = new Set<string>();
  for (const r of t.records) {
    if (paths.size >= PATH_CAP) break;
    paths.add(r.m.mountPoint);
    if (r.source >= 0) paths.add((model.records[r.source] as MountRec).m.mountPoint);
  }
  const kubelet = kubeletLinesFor(model, paths);
  const names = new Set(t.devices.map((d) => d.name));
  const dmesg = logLines(model.state.logs.dmesg, (msg) => mentionsDevice(msg, names));
  const threads: RawLine[] = [];
  let threadTotal = 0;
  for (const p of model.state.processes) {
    if (!p.isKernelThread) continue;
    const slash = p.comm.indexOf('/');
    if (slash < 0) continue;
    const rest = p.comm.slice(slash + 1);
    const dev = rest.endsWith('-8') ? rest.slice(0, -2) : rest;
    if (!names.has(dev)) continue;
    threadTotal++;
    if (threads.length < CAP)
      threads.push({ probe: 'processes', line: p.line, text: `${p.pid} [${p.comm}] ${p.stateRaw}` });
  }
  const sel: MountSelection = {
    id,
    kind: t.kind,
    title: t.title,
    mountLines,
    mountLineTotal: t.records.length,
    kubeletLines: kubelet.lines,
    kubeletLineTotal: kubelet.total,
    dmesgLines: dmesg.lines,
    dmesgLineTotal: dmesg.total,
    kernelThreads: threads,
    kernelThreadTotal: threadTotal,
    members: t.members,
    memberTotal: t.memberTotal,
  };
  const c = t.holder?.container;
  if (c && t.holder) {
    sel.container = {
      probe: 'containers',
      line: c.line,
      text: text?.('containers', c.line) ?? `${c.id} ${c.name ?? ''} ${c.status}`,
      id: c.id,
      state: t.holder.state,
      status: c.status,
    };
    if (c.name) sel.container.name = c.name;
    if (t.holder.pod) sel.container.pod = t.holder.pod;
    if (c.error) sel.container.error = c.error;
  }
  return sel;
}
