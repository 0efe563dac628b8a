import { plural } from '../format/number.ts';
import { fmt } from './labels.ts';
import type { DeviceBadge, MountView, MountViewEdge, MountViewNode } from './types.ts';

/**
 * An indented tree with counts, like findmnt but across namespaces: device, the host mounts
 * on it, the copies of each, who holds them. Walks the view's edges from the device column.
 */

const BADGE_TEXT: Record<DeviceBadge, string> = {
  'io-errors': 'I/O errors',
  'journal-aborted': 'journal aborted',
  'read-only': 'read-only',
  'fs-shutdown': 'fs shutdown',
  'missing-from-lsblk': 'missing from lsblk',
  'backing-disk-gone': 'backing disk gone',
};

function badges(n: MountViewNode): string {
  if (!n.badges) return '';
  const parts = Object.entries(n.badges).map(([b, c]) =>
    n.count > 1 ? `${BADGE_TEXT[b as DeviceBadge]}: ${fmt(c)}` : BADGE_TEXT[b as DeviceBadge],
  );
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

function line(n: MountViewNode, via?: MountViewEdge, holder?: string): string {
  const count = n.count > 1 || n.expandable ? `${fmt(n.count)} ` : '';
  const leak = n.leak ? `  LEAK${n.leakCount > 0 && n.kind !== 'device' ? ` ${fmt(n.leakCount)}` : ''}` : '';
  const state = n.state ? ` (${n.state})` : '';
  const held = n.kind === 'copy' && holder ? `  held by ${holder}` : '';
  const how = via && via.kind !== 'mount' && via.kind !== 'holds' ? `  <- ${via.label ?? via.kind}` : '';
  const detail = n.detail ? `  ${n.detail}` : '';
  return `${count}${n.label}${state}${badges(n)}${detail}${held}${how}${leak}`;
}

export function renderMountText(view: MountView): string {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const names = new Map(
    view.holders.map((h) => [h.holder, h.pod?.slice(h.pod.indexOf('/') + 1) ?? h.container ?? h.label]),
  );
  // A single copy names its holder through its `holds` edge.
  const holderOf = (id: string): string | undefined => {
    const e = out.get(id)?.find((x) => x.kind === 'holds');
    const h = e ? byId.get(e.to) : undefined;
    return h ? (h.holder ? (names.get(h.holder) ?? h.label) : h.label) : undefined;
  };
  const out = new Map<string, MountViewEdge[]>();
  for (const e of view.edges) {
    const l = out.get(e.from);
    if (l) l.push(e);
    else out.set(e.from, [e]);
  }
  const rowOf = (id: string) => byId.get(id)?.y ?? 0;
  for (const l of out.values()) l.sort((a, b) => rowOf(a.to) - rowOf(b.to));
  const t = view.totals;
  const lines: string[] = [
    `${view.node ? `${view.node}: ` : ''}${fmt(t.records)} mount records in ${plural(t.namespaces, 'namespace')}; ${fmt(t.blockRecords)} on ${plural(t.devices, 'device')} (${fmt(t.hostMounts)} host mounts, ${fmt(t.copies)} copies), ${fmt(t.virtualRecords)} virtual`,
    view.summary,
    '',
  ];
  const walk = (id: string, depth: number, via?: MountViewEdge) => {
    const n = byId.get(id);
    if (!n) return;
    lines.push(
      `${'  '.repeat(depth)}${depth > 0 ? '└ ' : ''}${line(n, via, n.kind === 'copy' ? holderOf(id) : undefined)}`,
    );
    // Holders are listed once below the tree, not under each of their copies.
    for (const e of out.get(id) ?? []) if (e.kind !== 'holds') walk(e.to, depth + 1, e);
  };
  for (const n of view.nodes) if (n.column === 0) walk(n.id, 0);
  lines.push('', 'holders:');
  for (const h of view.holders) {
    const who = [
      h.pod ? `pod ${h.pod}` : '',
      h.containerId ? `container ${h.containerId.slice(0, 12)}` : '',
      h.nsId && h.nsId !== 'host' ? `mnt ns ${h.nsId}` : '',
      h.pid !== undefined ? `pid ${h.pid}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const reasons = Object.entries(h.reasons)
      .map(([r, c]) => `${r} ${fmt(c)}`)
      .join(', ');
    lines.push(
      `  ${h.leak ? 'LEAK ' : ''}${fmt(h.copies)} copies of ${fmt(h.devices)} devices: ${h.container ?? h.label} (${h.state})${who ? `  ${who}` : ''}${reasons ? `  [${reasons}]` : ''}`,
    );
  }
  if (view.capped) lines.push('', `(drawing capped at ${fmt(view.nodes.length)} nodes)`);
  return `${lines.join('\n')}\n`;
}
