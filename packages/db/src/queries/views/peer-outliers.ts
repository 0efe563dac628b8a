import { byDistance, judgeAgainstPeers, summariseWithout } from '@nodescope/core';
import { FLEET_METRICS } from './fleet-metrics.ts';
import type { PoolStat } from './fleet-view.ts';

export interface Outlier {
  metric: string;
  value: number;
  /** Median of the node's peers (its pool without itself). */
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
 * The fleet table's outlier marks: the core peer comparison (the same one the fleet-outlier
 * finding and the node page's peer table use) over the node's pool with the node left out.
 */
export function peerOutliers(
  metrics: Record<string, number>,
  pool: Map<string, PoolStat> | undefined,
): Outlier[] {
  if (!pool) return [];
  const judged = [];
  for (const spec of FLEET_METRICS) {
    const value = metrics[spec.name];
    const stat = pool.get(spec.name);
    if (value === undefined || !stat) continue;
    const peers = summariseWithout(stat.values, value);
    if (!peers) continue;
    const c = judgeAgainstPeers(spec.name, value, peers);
    if (c.outlier) judged.push(c);
  }
  return judged
    .sort(byDistance)
    .map((c) => ({ metric: c.metric, value: c.value, median: c.median, ratio: c.ratio ?? null }));
}
