import { mdCell, mdFence, mdTable, mdText } from './md-escape.ts';
import type { EvidenceBlock } from './triage-report.ts';

export interface EvidenceContext {
  snapshotId: string;
  nodeName: string;
  /** Absolute origin for links, e.g. https://nodescope.example; '' for relative links. */
  origin: string;
  redact: (s: string) => string;
}

function fmt(v: number | null): string {
  if (v === null) return '–';
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100);
}

/** One typed evidence block as Markdown: the same content and order the wizard shows. */
export function evidenceMarkdown(b: EvidenceBlock, ctx: EvidenceContext): string {
  const r = ctx.redact;
  switch (b.kind) {
    case 'log': {
      const first = b.lines[0]?.line ?? 0;
      const link = `${ctx.origin}/snapshots/${ctx.snapshotId}?probe=${encodeURIComponent(b.probe)}${first ? `#L${first}` : ''}`;
      const more =
        b.total && b.total > b.lines.length
          ? `, ${b.lines.length} of ${b.total.toLocaleString('en-US')} lines`
          : '';
      const body = b.lines.map((l) => `${l.line ? `L${l.line}` : '--'}  ${r(l.text)}`).join('\n');
      return `**${mdText(r(b.title))}** (source: [snapshot ${ctx.snapshotId}, probe ${mdText(b.probe)}](${link})${more})\n\n${mdFence(body)}`;
    }
    case 'counts':
      return `**${mdText(r(b.title))}**\n\n${mdTable(
        b.columns.map(r),
        b.rows.map((row) => row.map((c) => (typeof c === 'number' ? fmt(c) : r(c)))),
      )}`;
    case 'mounts': {
      const link = `${ctx.origin}/nodes/${encodeURIComponent(ctx.nodeName)}/mounts?snapshot=${ctx.snapshotId}`;
      const facts = b.facts.map((f) => `- ${mdText(r(f))}`).join('\n');
      const table = b.holders.length
        ? `\n\n${mdTable(
            ['holder', 'state', 'copies', 'devices'],
            b.holders.map((h) => [r(h.holder), h.state, fmt(h.copies), fmt(h.devices)]),
          )}`
        : '';
      return `**${mdText(r(b.title))}** (source: [mount graph of snapshot ${ctx.snapshotId}](${r(link)}))\n\n${facts}${table}`;
    }
    case 'chart': {
      const pts = b.points.map((p) => [p.t, fmt(p.v)]);
      return `**${mdText(r(b.title))}** (${mdText(b.metric)}, ${mdText(b.unit)})\n\n${mdTable(['time', 'value'], pts)}`;
    }
    case 'peers':
      return `**${mdText(r(b.title))}**\n\n${mdTable(
        ['metric', 'this node', 'pool median', 'ratio'],
        b.rows.map((p) => [
          p.label,
          fmt(p.value),
          fmt(p.median),
          p.ratio === null ? '–' : `${fmt(p.ratio)}x`,
        ]),
      )}`;
    case 'text':
      return `**${mdText(r(b.title))}**: ${mdText(r(b.text))}`;
  }
}

export { mdCell };
