import { fmtInt, fmtSeconds, plural, sentence } from '../metrics/format.ts';
import { type Detector, levelOf, makeFinding, maxSeverity, pickMetrics } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'kubelet-restart-loop';

export const kubeletRestartLoop: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const k = ctx.analysis.logs.kubelet;
    const r = ctx.analysis.logs.rules[RULE];
    const fatal = k.fatal + k.exitingBecauseOfError;
    const severity = maxSeverity(
      levelOf(k.restarts, th('kubeletRestartsWarning'), th('kubeletRestartsCritical')),
      levelOf(k.exits, th('kubeletRestartsWarning'), th('kubeletRestartsCritical')),
      fatal > 0 ? 'warning' : undefined,
    );
    if (!severity || !r) return [];
    let summary = `kubelet exited ${plural(k.exits, 'time')} and was restarted ${plural(k.restarts, 'time')}`;
    if (r.firstTime && r.lastTime) {
      const span = (Date.parse(r.lastTime) - Date.parse(r.firstTime)) / 1000;
      if (Number.isFinite(span)) summary += ` within ${fmtSeconds(Math.max(1, span))}`;
    }
    const statuses = Object.entries(k.exitStatuses).sort((a, b) => b[1] - a[1]);
    if (statuses.length > 0)
      summary += ` (exit ${statuses.map(([s, n]) => `status=${s} x${fmtInt(n)}`).join(', ')})`;
    summary += '.';
    if (k.lastFatal) summary += ` Last fatal error: ${k.lastFatal.text.slice(0, 240)}`;
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary: sentence(summary),
        evidence: r.evidence,
        evidenceTotal: r.count,
        metrics: pickMetrics(ctx.metrics, ['uptime.s', 'log.kubelet.errors_per_min']),
        details: { ...k, byPattern: r.byPattern, firstTime: r.firstTime, lastTime: r.lastTime },
      }),
    ];
  },
};
