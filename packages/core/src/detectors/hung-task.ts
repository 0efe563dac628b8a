import { fmtInt, plural, sentence } from '../metrics/format.ts';
import type { Evidence } from '../model/finding.ts';
import { type Detector, levelOf, makeFinding, maxSeverity, pickMetrics } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'hung-task';

export const hungTask: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const r = ctx.analysis.logs.rules[RULE];
    const reports = r?.count ?? 0;
    const d = ctx.state.processes.filter((p) => p.state === 'D');
    const severity = maxSeverity(
      levelOf(reports, 1, th('hungTaskReportsCritical')),
      levelOf(d.length, th('dStateWarning'), th('dStateCritical')),
    );
    if (!severity) return [];
    const parts: string[] = [];
    const hung = ctx.analysis.logs.hungTasks;
    if (reports > 0) {
      const longest = [...hung].sort((a, b) => (b.seconds ?? 0) - (a.seconds ?? 0))[0];
      parts.push(
        `${plural(reports, 'hung-task report')}${longest ? ` (longest ${fmtInt(longest.seconds ?? 0)} s: ${longest.task}${longest.pid ? `:${longest.pid}` : ''})` : ''}`,
      );
    }
    const wchans = new Map<string, number>();
    for (const p of d) if (p.wchan && p.wchan !== '-') wchans.set(p.wchan, (wchans.get(p.wchan) ?? 0) + 1);
    const topWchan = [...wchans].sort((a, b) => b[1] - a[1]).slice(0, 3);
    if (d.length > 0) {
      parts.push(
        `${plural(d.length, 'task')} in D state${topWchan.length > 0 ? ` (waiting in ${topWchan.map(([w, n]) => `${w} ${fmtInt(n)}`).join(', ')})` : ''}`,
      );
    }
    const evidence: Evidence[] = [...(r?.evidence ?? []).slice(0, 10)];
    for (const p of d.slice(0, th('evidenceCap') - evidence.length))
      evidence.push({ probe: 'processes', line: p.line, text: p.args || p.comm });
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary: sentence(`${parts.join('; ')}.`),
        evidence,
        evidenceTotal: reports + d.length,
        metrics: pickMetrics(ctx.metrics, ['processes.d_state', 'psi.io.some.avg10']),
        details: {
          hungTasks: hung,
          hungTaskTotal: ctx.analysis.logs.hungTaskTotal,
          dState: d.slice(0, 50).map((p) => ({ pid: p.pid, comm: p.comm, wchan: p.wchan, line: p.line })),
          dStateTotal: d.length,
          wchans: Object.fromEntries(topWchan),
        },
      }),
    ];
  },
};
