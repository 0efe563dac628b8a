import { describe, expect, it } from 'vitest';
import type { PoolStat } from './fleet-view.ts';
import { indexPoolStats, peerOutliers, poolKey } from './peer-outliers.ts';

const stat = (metric: string, median: number, nodes = 8): PoolStat => ({
  cluster: 'c',
  pool: 'p',
  metric,
  median,
  p90: median * 1.1,
  nodes,
});

describe('peer outliers', () => {
  const pool = indexPoolStats([
    stat('kubelet.cpu_percent', 26.7),
    stat('tasks.total', 1_000),
    stat('mounts.total', 0),
  ]).get(poolKey('c', 'p'));
  it("flags seed A's kubelet at 2,022% against a 26.7% median", () => {
    const out = peerOutliers({ 'kubelet.cpu_percent': 2022, 'tasks.total': 1_100 }, pool);
    expect(out).toHaveLength(1);
    expect(out[0]?.metric).toBe('kubelet.cpu_percent');
    expect(out[0]?.ratio).toBeCloseTo(75.7, 1);
  });
  it('needs both the ratio and the floor', () => {
    // ×3 but only 2,000 above a 1,000 median: below the 2,000-task floor? exactly at it counts.
    expect(peerOutliers({ 'tasks.total': 2_900 }, pool)).toEqual([]);
    expect(peerOutliers({ 'tasks.total': 20_135 }, pool)[0]?.ratio).toBeCloseTo(20.1, 1);
  });
  it('reports a zero median as a ratio-less outlier past the floor', () => {
    expect(peerOutliers({ 'mounts.total': 26_503 }, pool)[0]).toMatchObject({
      metric: 'mounts.total',
      ratio: null,
    });
  });
  it('ignores pools too small to have a meaningful median', () => {
    const tiny = indexPoolStats([stat('kubelet.cpu_percent', 26.7, 2)]).get(poolKey('c', 'p'));
    expect(peerOutliers({ 'kubelet.cpu_percent': 2022 }, tiny)).toEqual([]);
    expect(peerOutliers({ 'kubelet.cpu_percent': 2022 }, undefined)).toEqual([]);
  });
});
