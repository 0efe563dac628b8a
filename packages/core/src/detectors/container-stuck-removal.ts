import { isDeadContainer } from '../analysis/container-index.ts';
import { fmtInt, plural, shortId } from '../metrics/format.ts';
import type { Evidence } from '../model/finding.ts';
import { type Detector, makeFinding, pickMetrics } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'container-stuck-removal';

export const containerStuckRemoval: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const dead = ctx.state.containers.filter(isDeadContainer);
    const r = ctx.analysis.logs.rules[RULE];
    if (dead.length === 0 && !r) return [];
    const holders = new Map(
      ctx.analysis.mounts.holders.filter((h) => h.containerId).map((h) => [h.containerId, h]),
    );
    const holding = dead.filter((c) => holders.has(c.id));
    const severity =
      dead.length >= th('stuckContainersCritical') || holding.length > 0 ? 'critical' : 'warning';

    let summary: string;
    const first = dead[0];
    if (first) {
      summary = `${plural(dead.length, 'container')} stuck in removal: ${shortId(first.id)}${first.name ? ` (${first.name})` : ''} ${first.status || first.state}`;
      if (first.error) summary += `: ${first.error.slice(0, 240)}`;
      if (dead.length > 1) summary += `; ${fmtInt(dead.length - 1)} more`;
      summary += '.';
      const h = holders.get(first.id);
      if (h)
        summary += ` Its rootfs still holds ${fmtInt(h.copies)} mount copies of ${plural(h.devices, 'device')}.`;
    } else {
      summary = `${plural(r?.count ?? 0, 'runtime log line')} report containers that cannot be removed (${Object.keys(r?.byPattern ?? {}).join(', ')}).`;
    }

    const evidence: Evidence[] = dead.slice(0, 10).map((c) => ({
      probe: 'containers',
      line: c.line,
      text: `${c.id} ${c.status}${c.error ? ` ${c.error}` : ''}`.slice(0, 400),
    }));
    evidence.push(...(r?.evidence ?? []));
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary,
        evidence,
        evidenceTotal: dead.length + (r?.count ?? 0),
        metrics: pickMetrics(ctx.metrics, ['containers.dead', 'containers.total']),
        details: {
          containers: dead.slice(0, 50).map((c) => ({
            id: c.id,
            name: c.name,
            state: c.state,
            status: c.status,
            error: c.error,
            holdsMountCopies: holders.get(c.id)?.copies ?? 0,
          })),
          containerTotal: dead.length,
          logPatterns: r?.byPattern ?? {},
        },
      }),
    ];
  },
};
