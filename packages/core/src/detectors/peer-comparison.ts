import { metricSpec } from '../metrics/metric-catalogue.ts';
import type { Metrics } from '../model/finding.ts';
import { th } from './thresholds.ts';

/**
 * The one peer comparison: the fleet-outlier detector, the fleet table's outlier marks and the
 * node page's peer table all call these functions, over one population (the other nodes of the
 * node's cluster and pool, never the node itself) and with the thresholds of the one table.
 */

export interface PeerSummary {
  /** percentile_cont(0.5) of the peers' values. */
  median: number;
  /** percentile_cont(0.9) of the peers' values. */
  p90: number;
  peers: number;
}

export interface PeerComparison extends PeerSummary {
  metric: string;
  value: number;
  /** value / median, one decimal; undefined when the median is zero (a ratio to nothing means nothing). */
  ratio?: number;
  /** Far from the peers by the thresholds table: ratio and the metric's floor. */
  outlier: boolean;
}

/** Linear-interpolated percentile of an ascending list, as PostgreSQL's percentile_cont. */
export function percentileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** Median and p90 of the peers' values (unsorted), or undefined when there are none. */
export function summarisePeers(values: readonly number[]): PeerSummary | undefined {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return { median: percentileSorted(sorted, 0.5), p90: percentileSorted(sorted, 0.9), peers: sorted.length };
}

/**
 * Median and p90 of a whole pool's sorted values with one occurrence of the node's own value
 * left out: the fleet table's leave-one-out population without copying the pool per node.
 */
export function summariseWithout(
  poolSorted: readonly number[],
  own: number | undefined,
): PeerSummary | undefined {
  let skip = -1;
  if (own !== undefined) {
    // Binary search for one occurrence of the node's value.
    let lo = 0;
    let hi = poolSorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = poolSorted[mid] as number;
      if (v === own) {
        skip = mid;
        break;
      }
      if (v < own) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  const n = poolSorted.length - (skip >= 0 ? 1 : 0);
  if (n <= 0) return undefined;
  const at = (i: number) => poolSorted[skip >= 0 && i >= skip ? i + 1 : i] as number;
  const pct = (p: number) => {
    const pos = p * (n - 1);
    const lo = Math.floor(pos);
    const a = at(lo);
    return a + (at(Math.ceil(pos)) - a) * (pos - lo);
  };
  return { median: pct(0.5), p90: pct(0.9), peers: n };
}

/** The verdict on one value against its peers' summary. */
export function judgeAgainstPeers(metric: string, value: number, s: PeerSummary): PeerComparison {
  const ratio = s.median > 0 ? Math.round((value / s.median) * 10) / 10 : undefined;
  const floor = metricSpec(metric)?.outlierFloor;
  const outlier =
    floor !== undefined &&
    s.peers >= th('outlierMinimumPeers') &&
    value - s.median >= floor &&
    (ratio === undefined || value / s.median >= th('outlierRatio'));
  return {
    metric,
    value,
    median: s.median,
    p90: s.p90,
    peers: s.peers,
    outlier,
    ...(ratio !== undefined ? { ratio } : {}),
  };
}

export interface PeerNode {
  name: string;
  metrics: Metrics;
}

/** A node against its peers, metric by metric; the node itself is dropped from `peers` if present. */
export function comparePeers(
  node: PeerNode,
  peers: readonly PeerNode[],
  metrics: readonly string[],
): PeerComparison[] {
  const others = peers.filter((p) => p.name !== node.name);
  const out: PeerComparison[] = [];
  for (const metric of metrics) {
    const value = node.metrics[metric];
    if (value === undefined || !Number.isFinite(value)) continue;
    const s = summarisePeers(
      others.map((p) => p.metrics[metric]).filter((v): v is number => v !== undefined),
    );
    if (s) out.push(judgeAgainstPeers(metric, value, s));
  }
  return out;
}

/** Outliers first by how far they stand out; a zero median (no ratio) ranks highest. */
export function byDistance(a: PeerComparison, b: PeerComparison): number {
  return (b.ratio ?? Number.MAX_VALUE) - (a.ratio ?? Number.MAX_VALUE);
}
