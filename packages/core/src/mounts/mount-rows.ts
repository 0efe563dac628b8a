import { reasonsOfFlags } from '../analysis/mount-graph.ts';
import { holderName, propagationText } from './labels.ts';
import type { DeviceRec, HolderRec, MountModel, MountRec } from './mount-model.ts';
import type { MountRow } from './types.ts';

/** Flat rows for the table mode and the leaks CSV: one per host mount or copy, in table order. */
export function mountRows(model: MountModel, opts: { leaksOnly?: boolean } = {}): MountRow[] {
  const out: MountRow[] = [];
  for (const r of model.records) {
    if (opts.leaksOnly && r.leakFlags === 0) continue;
    out.push(rowOf(model, r));
  }
  return out;
}

export function rowOf(model: MountModel, r: MountRec): MountRow {
  const d = model.devices[r.device] as DeviceRec;
  const h = r.holder >= 0 ? (model.holders[r.holder] as HolderRec) : undefined;
  return {
    role: r.role,
    path: r.m.mountPoint,
    device: d.name,
    majMin: d.majMin,
    fsType: r.m.fsType,
    root: r.m.root,
    propagation: propagationText(r),
    nsId: r.ns.nsId,
    holder: h?.holder.key ?? '',
    holderLabel: h ? holderName(h) : '',
    state: h?.state ?? '',
    hostPath: r.source >= 0 ? (model.records[r.source] as MountRec).m.mountPoint : '',
    leak: r.leakFlags !== 0,
    reasons: reasonsOfFlags(r.leakFlags),
    probe: r.ns.probe,
    line: r.m.line,
  };
}

function csvField(s: string | number | boolean): string {
  const t = String(s);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(t) ? `'${t}` : t;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const LEAK_CSV_COLUMNS = [
  'path',
  'device',
  'maj_min',
  'fs_type',
  'root',
  'propagation',
  'mount_ns',
  'holder',
  'holder_state',
  'host_path',
  'reasons',
  'probe',
  'line',
] as const;

export function renderLeaksCsv(rows: MountRow[]): string {
  const lines = [LEAK_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    if (!r.leak) continue;
    lines.push(
      [
        r.path,
        r.device,
        r.majMin,
        r.fsType,
        r.root,
        r.propagation,
        r.nsId,
        r.holderLabel,
        r.state,
        r.hostPath,
        r.reasons.join(' '),
        r.probe,
        r.line,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
