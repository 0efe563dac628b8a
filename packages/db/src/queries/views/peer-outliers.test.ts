import { comparePeers } from '@nodescope/core';
import { describe, expect, it } from 'vitest';
import type { PoolStat } from './fleet-view.ts';
import { indexPoolStats, peerOutliers, poolKey } from './peer-outliers.ts';

/** A pool stat as poolStats returns it: every node's value, the node itself included. */
const stat = (metric: string, values: number[]): PoolStat => {
  const sorted = [...values].sort((a, b) => a - b);
  return { cluster: 'c', pool: 'p', metric, median: 0, p90: 0, nodes: sorted.length, values: sorted };
};
const healthyCpu = [24, 25, 26, 26.5, 26.9, 27, 28, 30];

describe('fleet outlier marks', () => {
  it("flags seed A's kubelet at 2,022% against its peers' median, not one that includes it", () => {
    const pool = indexPoolStats([stat('kubelet.cpu_percent', [...healthyCpu, 2022])]).get(poolKey('c', 'p'));
    const out = peerOutliers({ 'kubelet.cpu_percent': 2022 }, pool);
    expect(out).toHaveLength(1);
    // Median of the 8 peers is (26.5 + 26.9) / 2 = 26.7, the node's own 2,022 left out.
    expect(out[0]?.median).toBeCloseTo(26.7, 5);
    expect(out[0]?.ratio).toBeCloseTo(75.7, 1);
  });

  it('agrees with the core comparison the finding and the peer table use', () => {
    const values = [...healthyCpu, 2022];
    const pool = indexPoolStats([stat('kubelet.cpu_percent', values)]).get(poolKey('c', 'p'));
    const peers = healthyCpu.map((v, i) => ({ name: `h${i}`, metrics: { 'kubelet.cpu_percent': v } }));
    const core = comparePeers({ name: 'sick', metrics: { 'kubelet.cpu_percent': 2022 } }, peers, [
      'kubelet.cpu_percent',
    ])[0];
    const fleet = peerOutliers({ 'kubelet.cpu_percent': 2022 }, pool)[0];
    expect(fleet?.median).toBe(core?.median);
    expect(fleet?.ratio).toBe(core?.ratio);
  });

  it('needs both the ratio and the floor', () => {
    const pool = indexPoolStats([stat('tasks.total', [1000, 1000, 1000, 1000, 2_900, 20_135])]).get(
      poolKey('c', 'p'),
    );
    expect(peerOutliers({ 'tasks.total': 2_900 }, pool)).toEqual([]);
    expect(peerOutliers({ 'tasks.total': 20_135 }, pool)[0]?.ratio).toBeCloseTo(20.1, 1);
  });

  it('reports a zero median as a ratio-less outlier past the floor', () => {
    const pool = indexPoolStats([stat('mounts.total', [0, 0, 0, 0, 26_503])]).get(poolKey('c', 'p'));
    expect(peerOutliers({ 'mounts.total': 26_503 }, pool)[0]).toMatchObject({
      metric: 'mounts.total',
      ratio: null,
    });
  });

  it('ignores pools too small to have a meaningful median', () => {
    const tiny = indexPoolStats([stat('kubelet.cpu_percent', [26.7, 26.7, 2022])]).get(poolKey('c', 'p'));
    expect(peerOutliers({ 'kubelet.cpu_percent': 2022 }, tiny)).toEqual([]);
    expect(peerOutliers({ 'kubelet.cpu_percent': 2022 }, undefined)).toEqual([]);
  });
});
