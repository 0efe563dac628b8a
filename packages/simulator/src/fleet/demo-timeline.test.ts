import { analyzeArtifacts } from '@nodescope/core';
import { describe, expect, it } from 'vitest';
import { generateArtifacts } from '../generate/generate.ts';
import { HOUR } from '../model/sim-time.ts';
import { demoFleet } from './fleet-specs.ts';

const NOW = new Date('2026-12-01T12:20:00Z');
const fleet = demoFleet({ now: NOW, historyMs: 48 * HOUR });

const analysed = new Map<string, ReturnType<typeof analyzeArtifacts>>();

function metricsAt(scenario: string, hoursAgo: number) {
  const key = `${scenario}@${hoursAgo}`;
  const hit = analysed.get(key);
  if (hit) return hit;
  const spec = fleet.find((s) => s.scenario === scenario);
  if (!spec) throw new Error(`no demo node runs ${scenario}`);
  const at = new Date(NOW.getTime() - hoursAgo * HOUR);
  const result = analyzeArtifacts(generateArtifacts(spec, at), {
    takenAt: at.toISOString(),
    nodeName: spec.name,
  });
  analysed.set(key, result);
  return result;
}

/** The same metric 22 h, 12 h and 0 h before the demo's start: the 24 h chart's story. */
function curve(scenario: string, metric: string): number[] {
  return [22, 12, 0].map((h) => metricsAt(scenario, h).metrics[metric] ?? 0);
}

describe('demo incidents develop over the backfilled day', () => {
  it('every incident node has a timeline and healthy nodes keep none', () => {
    for (const s of fleet) expect(s.timeline !== undefined, s.name).toBe(s.scenario !== 'healthy');
  });

  it.each([
    ['mount-leak', 'mounts.total'],
    ['mount-leak', 'threads.kernel'],
    ['cgroup-kmem-leak', 'cgroups.devices'],
    ['pleg-io-pressure', 'psi.io.some.avg10'],
  ])('%s: %s grows through the day', { timeout: 60_000 }, (scenario, metric) => {
    const [early, mid, late] = curve(scenario, metric) as [number, number, number];
    expect(mid).toBeGreaterThan(early);
    expect(late).toBeGreaterThan(mid);
  });

  it('the mount leak reaches the write-up figures at the demo start', { timeout: 60_000 }, () => {
    const m = metricsAt('mount-leak', 0).metrics;
    expect(m['blockdev.count']).toBeGreaterThan(6_000);
    expect(metricsAt('mount-leak', 22).metrics['blockdev.count']).toBeLessThan(1_000);
  });

  it('xfs and systemd incidents begin inside the day, not in its last hour', () => {
    const rules = (s: string, h: number) => new Set(metricsAt(s, h).findings.map((f) => f.rule));
    expect(rules('xfs-io-errors', 8)).toContain('filesystem-shutdown');
    expect(rules('xfs-io-errors', 20)).not.toContain('filesystem-shutdown');
    expect(rules('systemd-hang', 6)).toContain('systemd-unresponsive');
    expect(rules('systemd-hang', 20)).not.toContain('systemd-unresponsive');
  });

  it('PLEG staleness kubelet reports never exceeds the longest relist gap it logs', () => {
    const a = metricsAt('pleg-io-pressure', 0);
    const pleg = a.findings.find((f) => f.rule === 'pleg-unhealthy');
    expect(pleg).toBeDefined();
    const gap = a.metrics['pleg.relist_max_gap_s'] ?? 0;
    expect(gap).toBeGreaterThan(180);
    const stale = (pleg?.details as { maxStalenessSeconds?: number } | undefined)?.maxStalenessSeconds;
    expect(stale).toBeDefined();
    expect(stale as number).toBeLessThanOrEqual(gap);
  });
});
