import { fmtMetric } from '../metrics/format.ts';
import type { ProbeId } from '../model/probe-id.ts';
import type { EvidenceBlock } from './evidence-blocks.ts';
import type { PlaybookRun, TriageReport, Verdict } from './types.ts';

export interface MarkdownOptions {
  /** Link for an evidence line, e.g. `/snapshots/42?probe=dmesg#L12`; plain `probe:line` without it. */
  lineHref?: (probe: ProbeId, line: number) => string;
  /** Link for a mount subgraph or a chart, e.g. `/nodes/x/mounts?holder=…`. */
  viewHref?: (block: EvidenceBlock) => string | undefined;
}

const MARK: Record<Verdict, string> = {
  confirmed: 'CONFIRMED',
  'ruled-out': 'ruled out',
  inconclusive: 'inconclusive',
  unknown: 'UNKNOWN',
};

/** Table cells: no pipes or newlines inside. */
const cell = (v: string | number) =>
  String(v)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');

function fence(lines: string[]): string {
  const body = lines.join('\n');
  const ticks = body.includes('```') ? '````' : '```';
  return `${ticks}text\n${body}\n${ticks}`;
}

function where(probe: ProbeId, line: number, o: MarkdownOptions): string {
  if (line <= 0) return probe;
  return o.lineHref ? `[${probe}:${line}](${o.lineHref(probe, line)})` : `${probe}:${line}`;
}

/** One evidence block as Markdown: the same content the wizard shows. */
export function renderBlockMarkdown(b: EvidenceBlock, o: MarkdownOptions = {}): string {
  switch (b.kind) {
    case 'log-excerpt': {
      const more = b.total > b.lines.length ? ` (${b.lines.length} of ${b.total} lines)` : '';
      const refs = b.lines.filter((l) => l.line > 0).map((l) => where(b.probe, l.line, o));
      return [
        `**${b.title}**${more}${refs.length ? `: ${refs.slice(0, 8).join(', ')}` : ''}`,
        fence(b.lines.map((l) => (l.line > 0 ? `${String(l.line).padStart(6)}  ${l.text}` : l.text))),
      ].join('\n\n');
    }
    case 'counts':
      return [
        `**${b.title}**`,
        `| ${b.columns.map(cell).join(' | ')} |`,
        `| ${b.columns.map(() => '---').join(' | ')} |`,
        ...b.rows.map(
          (r) =>
            `| ${r.map((v) => cell(typeof v === 'number' ? v.toLocaleString('en-US') : v)).join(' | ')} |`,
        ),
      ].join('\n');
    case 'mount-subgraph': {
      const href = o.viewHref?.(b);
      return [
        `**${b.title}**: ${b.copies.toLocaleString('en-US')} copies of ${b.devices.toLocaleString('en-US')} devices${href ? ` ([mount graph](${href}))` : ''}`,
        ...b.examples.map(
          (e) =>
            `- \`${e.device}\` -> \`${e.hostPath ?? '?'}\` -> \`${e.copyPath}\` (${where('mountinfo', e.line, o)})`,
        ),
      ].join('\n');
    }
    case 'chart': {
      const href = o.viewHref?.(b);
      const v = b.value === undefined ? 'not collected' : fmtMetric(b.metric, b.value);
      const t = b.threshold === undefined ? '' : ` (threshold ${fmtMetric(b.metric, b.threshold)})`;
      return `**${b.title}**: ${v}${t}${href ? ` ([trend](${href}))` : ''}`;
    }
    case 'peer-comparison':
      return [
        `**${b.title}**`,
        '| metric | this node | pool median | ratio | peers |',
        '| --- | --- | --- | --- | --- |',
        ...b.rows.map(
          (r) =>
            `| ${cell(r.label)} | ${fmtMetric(r.metric, r.value)} | ${fmtMetric(r.metric, r.median)} | ${r.ratio === undefined ? '-' : `${r.ratio}x`} | ${r.peers} |`,
        ),
      ].join('\n');
  }
}

function runMarkdown(run: PlaybookRun, o: MarkdownOptions): string {
  const c = run.conclusion;
  const out: string[] = [
    `## ${run.title} (\`${run.playbook}\`)`,
    `Entry: ${run.entry}`,
    `**Conclusion: ${c.title}** (\`${c.id}\`)`,
  ];
  if (c.chain.length > 0)
    out.push(['Root-cause chain:', ...c.chain.map((l, i) => `${i + 1}. ${l}`)].join('\n'));
  if (c.remediation.length > 0) {
    out.push(
      [
        'Remediation:',
        ...c.remediation.map(
          (m) =>
            `- [ ] \`${m.command.replace(/`/g, "'")}\` (risk: ${m.risk})\n  ${m.note}\n  Check: ${m.verify}`,
        ),
      ].join('\n'),
    );
  }
  if (c.followUps.length > 0) out.push(['Follow-ups:', ...c.followUps.map((f) => `- ${f}`)].join('\n'));
  out.push('### Steps');
  run.steps.forEach((s, i) => {
    const parts = [`#### ${i + 1}. ${s.title} — ${MARK[s.verdict]}`, s.reason];
    if (s.readings.length > 0) parts.push(s.readings.map((r) => `- ${r.text}`).join('\n'));
    for (const b of s.blocks) parts.push(renderBlockMarkdown(b, o));
    out.push(parts.join('\n\n'));
  });
  return out.join('\n\n');
}

/** The report an engineer pastes into a ticket. */
export function renderTriageMarkdown(r: TriageReport, o: MarkdownOptions = {}): string {
  const head = [`# Triage${r.nodeName ? `: ${r.nodeName}` : ''}`];
  if (r.takenAt) head.push(`Snapshot taken ${r.takenAt}.`);
  if (r.rootCause) {
    head.push(
      `**Most probable root cause: ${r.rootCause.title}** (\`${r.rootCause.id}\`, from \`${r.rootCause.playbook}\`)`,
      r.rootCause.chain.map((l, i) => `${i + 1}. ${l}`).join('\n'),
    );
  } else {
    head.push(
      `**No root cause named**: ${r.runs.map((x) => `${x.playbook}: ${x.conclusion.title}`).join('; ')}.`,
    );
  }
  if (r.applicable.length === 0) head.push("No playbook's entry symptom is present.");
  if (r.dataGaps.length > 0)
    head.push(
      `Data gaps (steps that needed them say UNKNOWN): ${r.dataGaps.map((g) => `${g.probe} ${g.state}${g.error ? ` (${g.error})` : ''}`).join(', ')}.`,
    );
  return `${[...head, ...r.runs.map((run) => runMarkdown(run, o))].join('\n\n')}\n`;
}
