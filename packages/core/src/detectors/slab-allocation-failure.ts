import { fmtSeconds, plural } from '../metrics/format.ts';
import { type Detector, makeFinding } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'slab-allocation-failure';

export const slabAllocationFailure: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const logs = ctx.analysis.logs;
    const r = logs.rules[RULE];
    if (!r || r.count === 0) return [];
    const severity = r.count >= th('slabFailuresCritical') ? 'critical' : 'warning';
    const caches = logs.slabCaches;
    let summary = `${plural(r.count, 'kernel allocation failure')}`;
    if ((r.byPattern['slub-unable-to-allocate'] ?? 0) > 0) summary += ' (SLUB: Unable to allocate memory)';
    if (caches.length > 0) {
      summary += ` in ${caches
        .slice(0, 3)
        .map((c) => `${c.cache}${c.memcg ? ' (per-memory-cgroup cache)' : ''}`)
        .join(', ')}`;
    }
    if (r.firstTime) summary += `, first at ${r.firstTime.slice(0, 19)}Z`;
    const io = logs.rules['disk-io-errors']?.firstTime;
    if (r.firstTime && io) {
      const ahead = (Date.parse(io) - Date.parse(r.firstTime)) / 1000;
      if (ahead > 0) summary += `, ${fmtSeconds(ahead)} before the first disk I/O error`;
    }
    summary += '.';
    if (caches.some((c) => c.memcg))
      summary += ' Per-cgroup slab caches mean kernel memory accounting is on.';
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary,
        evidence: r.evidence,
        evidenceTotal: r.count,
        metrics: {},
        details: {
          byPattern: r.byPattern,
          caches,
          firstTime: r.firstTime,
          lastTime: r.lastTime,
          firstIoErrorTime: io,
        },
      }),
    ];
  },
};
