import { fmtInt, fmtNum, fmtSeconds, plural, sentence } from '../metrics/format.ts';
import type { Evidence } from '../model/finding.ts';
import { clock, type Detector, levelOf, makeFinding, maxSeverity, pickMetrics } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'pleg-unhealthy';

export const plegUnhealthy: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const r = ctx.analysis.logs.rules[RULE];
    const p = ctx.analysis.logs.pleg;
    const notHealthy = r?.byPattern['pleg-not-healthy'] ?? 0;
    // A goroutine dump with relist parked for minutes is a relist that did not complete.
    const relistFailed =
      (r?.byPattern['pleg-relist-failed'] ?? 0) + (r?.byPattern['pleg-relist-goroutine-blocked'] ?? 0);
    const gap = p.maxGap?.seconds;
    const severity = maxSeverity(
      notHealthy > 0 ? 'critical' : undefined,
      levelOf(gap, th('plegRelistGapWarning'), th('plegRelistGapCritical')),
      levelOf(p.maxStalenessSeconds, th('plegRelistGapWarning'), th('plegRelistGapCritical')),
      relistFailed > 0 ? 'warning' : undefined,
    );
    if (!severity) return [];
    const parts: string[] = [];
    if (notHealthy > 0) {
      let s = `PLEG is not healthy ${notHealthy === 1 ? 'once' : `${fmtInt(notHealthy)} times`}`;
      if (p.maxStalenessSeconds !== undefined) {
        s += ` (last seen active ${fmtNum(p.maxStalenessSeconds)} s ago`;
        s += p.thresholdSeconds !== undefined ? `; threshold ${fmtNum(p.thresholdSeconds)} s)` : ')';
      }
      parts.push(s);
    }
    if (p.maxGap) {
      let s = `longest relist gap ${fmtSeconds(p.maxGap.seconds)} (${clock(p.maxGap.from)} -> ${clock(p.maxGap.to)})`;
      if (p.medianGapSeconds !== undefined)
        s += `, median ${fmtNum(p.medianGapSeconds)} s over ${plural(p.relists, 'relist')}`;
      parts.push(s);
    }
    if (relistFailed > 0) parts.push(`${plural(relistFailed, 'relist failure')}`);
    const evidence: Evidence[] = [...(r?.evidence ?? [])];
    if (p.maxGap)
      evidence.unshift({
        probe: 'kubelet-log',
        line: p.maxGap.line,
        text: `GenericPLEG: Relisting after a ${fmtNum(p.maxGap.seconds)} s gap`,
      });
    const summary = `${parts.join('; ')}.`;
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary: sentence(summary),
        evidence,
        evidenceTotal: (r?.count ?? 0) + (p.maxGap ? 1 : 0),
        metrics: pickMetrics(ctx.metrics, [
          'pleg.relist_max_gap_s',
          'psi.io.some.avg10',
          'psi.cpu.some.avg10',
        ]),
        details: { ...p, byPattern: r?.byPattern ?? {} },
      }),
    ];
  },
};
