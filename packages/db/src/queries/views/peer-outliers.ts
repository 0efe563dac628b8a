import { FLEET_METRICS, OUTLIER_RATIO } from './fleet-metrics.ts';
import type { PoolStat } from './fleet-view.ts';

export interface Outlier {
  metric: string;
  value: number;
  median: number;
  /** value / median; null when the median is zero (a ratio to nothing means nothing). */
  ratio: number | null;
}

export type PoolMedians = Map<string, Map<string, PoolStat>>;

export function poolKey(cluster: string, pool: string): string {
  return `${cluster}\u0000${pool}`;
}

export function indexPoolStats(stats: readonly PoolStat[]): PoolMedians {
  const out: PoolMedians = new Map();
  for (const s of stats) {
    const k = poolKey(s.cluster, s.pool);
    const m = out.get(k) ?? new Map<string, PoolStat>();
    out.set(k, m);
    m.set(s.metric, s);
  }
  return out;
}

/**
 * Metrics where a node stands far from its pool: at least OUTLIER_RATIO times the median and
 * more than the metric's floor above it. A pool of one or two nodes has no meaningful median.
 */
export function peerOutliers(
  metrics: Record<string, number>,
  pool: Map<string, PoolStat> | undefined,
): Outlier[] {
  if (!pool) return [];
  const out: Outlier[] = [];
  for (const spec of FLEET_METRICS) {
    const value = metrics[spec.name];
    const stat = pool.get(spec.name);
    if (value === undefined || !stat || stat.nodes < 3) continue;
    const { median } = stat;
    if (value - median < spec.floor) continue;
    if (median > 0 && value / median < OUTLIER_RATIO) continue;
    out.push({ metric: spec.name, value, median, ratio: median > 0 ? value / median : null });
  }
  return out.sort((a, b) => (b.ratio ?? Number.POSITIVE_INFINITY) - (a.ratio ?? Number.POSITIVE_INFINITY));
}
