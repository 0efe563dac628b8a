import { fmtInt, plural } from '../metrics/format.ts';
import { type Detector, makeFinding, pickMetrics } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'runtime-slow';

const WORDS: Record<string, string> = {
  'deadline-exceeded': 'deadline exceeded',
  'taskexit-failed': 'TaskExit handling failed',
};

export const runtimeSlow: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const r = ctx.analysis.logs.rules[RULE];
    if (!r || r.count === 0) return [];
    const severity = r.count >= th('runtimeSlowCritical') ? 'critical' : 'warning';
    const by = Object.entries(r.byPattern)
      .map(([k, n]) => `${WORDS[k] ?? k} ${fmtInt(n)}`)
      .join(', ');
    let summary = `${plural(r.count, 'container runtime call')} timed out or failed (${by})`;
    if (r.perMinute !== undefined) summary += `, ${fmtInt(r.perMinute)}/min`;
    summary += '.';
    const io = ctx.metrics['psi.io.some.avg10'];
    if (io !== undefined && io >= th('psiIoSomeWarning')) summary += ` I/O pressure is ${io}% (some, avg10).`;
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary,
        evidence: r.evidence,
        evidenceTotal: r.count,
        metrics: pickMetrics(ctx.metrics, [`log.rate.${RULE}`, 'psi.io.some.avg10']),
        details: { byPattern: r.byPattern, firstTime: r.firstTime, lastTime: r.lastTime },
      }),
    ];
  },
};
