import { evidenceMarkdown } from './evidence-markdown.ts';
import type { IncidentView } from './get-incident.ts';
import { mdCode, mdTable, mdText } from './md-escape.ts';
import { makeRedactor } from './redact.ts';
import { mainRun } from './triage-report.ts';

export interface MarkdownOptions {
  /** Replace host names and IP addresses (for exports that leave the team). */
  redact?: boolean;
  /** Extra names to redact: SSH hosts of the affected nodes. */
  hostNames?: string[];
  origin?: string;
}

function iso(d: Date | null | undefined): string {
  return d ? d.toISOString().replace('.000Z', 'Z') : '–';
}

function duration(from: Date, to: Date): string {
  const min = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} h ${min % 60} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * The postmortem export: summary, impact window, key events and the full timeline, the
 * root-cause chain, the triage steps with their evidence (and sources), remediation done and
 * suggested, verification, follow-ups and the pinned snapshots.
 */
export function incidentMarkdown(inc: IncidentView, opts: MarkdownOptions = {}): string {
  const names = [
    inc.nodeName,
    ...inc.nodes.map((n) => n.name),
    ...inc.pins.map((p) => p.nodeName),
    ...(opts.hostNames ?? []),
  ];
  const r = opts.redact ? makeRedactor(names) : (s: string) => s;
  const origin = opts.origin ?? '';
  const opened = inc.pins.find((p) => p.role === 'opened') ?? inc.pins[0];
  const run = opened ? mainRun(opened.triage) : null;
  const answers = new Map(inc.steps.map((s) => [`${s.playbook}/${s.stepId}`, s]));
  const out: string[] = [];

  out.push(`# ${mdText(r(inc.title))}`);
  out.push(
    [
      `- Incident: [${mdText(r(inc.slug))}](${origin}/incidents/${r(inc.slug)})`,
      `- Status: ${inc.status}; severity: ${inc.severity}; owner: ${mdText(inc.owner ?? 'unassigned')}`,
      `- Affected nodes: ${inc.nodes.map((n) => mdCode(r(n.name))).join(', ') || '–'}`,
      `- Opened ${iso(inc.createdAt)} by ${mdText(inc.openedBy)} from the ${inc.openedFrom} view${inc.rule ? ` (${mdCode(inc.rule)})` : ''}`,
    ].join('\n'),
  );

  out.push('## Summary');
  const rc = opened?.triage.rootCause;
  out.push(
    inc.summary.trim()
      ? mdText(r(inc.summary))
      : rc
        ? `Root cause found by triage: ${mdText(r(rc.title))} (${mdCode(rc.id)}, playbook ${mdCode(rc.playbook)}).`
        : 'No summary written yet.',
  );

  out.push('## Impact window');
  out.push(
    `${iso(inc.impact.from)} to ${iso(inc.impact.to)} (${duration(inc.impact.from, inc.impact.to)}, node time of the pinned snapshots and events)` +
      (inc.mitigatedAt ? `; mitigated ${iso(inc.mitigatedAt)}` : '') +
      (inc.resolvedAt ? `; resolved ${iso(inc.resolvedAt)}` : ''),
  );

  const timelineRow = (e: IncidentView['events'][number]) => [
    iso(e.nodeTime),
    iso(e.at),
    r(e.actorName),
    `${e.key ? '★ ' : ''}${r(e.text)}`,
  ];
  out.push('## Key events');
  const key = inc.events.filter((e) => e.key);
  out.push(
    key.length ? mdTable(['node time', 'recorded', 'who', 'event'], key.map(timelineRow)) : 'None marked.',
  );

  out.push('## Root cause');
  const c = run?.conclusion;
  if (c) {
    out.push(`**${mdText(r(c.title))}** (${mdCode(c.id)}, playbook ${mdCode(run.playbook)})`);
    if (c.chain.length) out.push(c.chain.map((x, i) => `${i + 1}. ${mdText(r(x))}`).join('\n'));
  } else {
    out.push('Not concluded: no triage on the pinned snapshot.');
  }

  out.push('## Triage and evidence');
  if (!run || !opened) out.push('No triage steps.');
  else {
    out.push(`Playbook ${mdCode(run.playbook)}: ${mdText(r(run.entry))}`);
    run.steps.forEach((s, i) => {
      const a = answers.get(`${run.playbook}/${s.id}`);
      const verdict = a ? a.verdict : s.verdict;
      const how = a
        ? a.overridden
          ? `overridden by ${a.answeredBy}, suggested ${s.verdict}`
          : `accepted by ${a.answeredBy}`
        : 'suggested, not answered yet';
      out.push(`### ${i + 1}. ${mdText(r(s.title))}: ${verdict}`);
      const parts = [`${mdText(r(s.reason))} (${mdText(how)})`];
      if (s.readings.length) parts.push(s.readings.map((x) => `- ${mdText(r(x.text))}`).join('\n'));
      if (a?.note) parts.push(`Note: ${mdText(r(a.note))}`);
      out.push(parts.join('\n\n'));
      for (const b of s.blocks) {
        out.push(
          evidenceMarkdown(b, {
            snapshotId: opened.snapshotId,
            nodeName: opened.nodeName,
            origin,
            redact: r,
          }),
        );
      }
    });
  }

  out.push('## Remediation done');
  out.push(inc.remediation.trim() ? mdText(r(inc.remediation)) : 'Nothing recorded yet.');
  if (c?.remediation.length) {
    out.push('Suggested by the playbook:');
    out.push(
      mdTable(
        ['command', 'risk', 'what it does', 'check'],
        c.remediation.map((x) => [r(x.command), x.risk, r(x.note), r(x.verify)]),
      ),
    );
  }

  out.push('## Verification');
  if (inc.verify) {
    out.push(
      `Snapshot ${inc.verify.snapshotId} taken ${iso(inc.verify.takenAt)}, against the opened snapshot:`,
    );
    out.push(
      mdTable(
        ['metric', 'before', 'after', 'change'],
        inc.verify.rows.map((x) => [
          x.label,
          x.before,
          x.after,
          x.ratio === null ? '–' : `${Math.round(x.ratio * 100)}%`,
        ]),
      ),
    );
  } else out.push('No verification snapshot yet.');

  out.push('## Follow-ups');
  const follow = c?.followUps ?? [];
  out.push(follow.length ? follow.map((f) => `- ${mdText(r(f))}`).join('\n') : 'None.');

  out.push('## Timeline');
  out.push(
    inc.events.length
      ? mdTable(['node time', 'recorded', 'who', 'event'], inc.events.map(timelineRow))
      : 'Empty.',
  );

  out.push('## Pinned snapshots');
  out.push(
    mdTable(
      ['snapshot', 'node', 'taken', 'role', 'content sha256'],
      inc.pins.map((p) => [p.snapshotId, r(p.nodeName), iso(p.takenAt), p.role, p.contentHash.slice(0, 16)]),
    ),
  );
  return `${out.join('\n\n')}\n`;
}
