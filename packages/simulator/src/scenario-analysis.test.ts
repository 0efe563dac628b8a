import { analyzeArtifacts, severityRank } from '@nodescope/core';
import { describe, expect, it } from 'vitest';
import { bundleFor } from './bundle-for.ts';
import { REFERENCE_TIME } from './model/sim-time.ts';

const EXPECTED: Record<string, string[]> = {
  'mount-leak': [
    'mount-propagation-leak',
    'kernel-thread-flood',
    'volume-teardown-stuck',
    'container-stuck-removal',
    'disk-io-errors',
  ],
  'pleg-io-pressure': ['pleg-unhealthy', 'runtime-slow', 'pressure-stall'],
  'xfs-io-errors': [
    'disk-io-errors',
    'filesystem-shutdown',
    'kubelet-restart-loop',
    'slab-allocation-failure',
  ],
  'cgroup-kmem-leak': ['cgroup-id-exhaustion', 'kmem-accounting-risk'],
  'systemd-hang': ['systemd-unresponsive', 'runc-stuck'],
};

function analyze(scenario: string, opts: { scale?: number; name?: string } = {}) {
  const b = bundleFor(scenario, { at: REFERENCE_TIME, ...opts });
  return analyzeArtifacts(b.artifacts, { takenAt: b.takenAt });
}

describe('core analysis recognises each simulated incident', () => {
  it.each(Object.entries(EXPECTED))('%s yields its incident rules', (scenario, rules) => {
    const result = analyze(scenario, { scale: scenario === 'mount-leak' ? 0.1 : undefined });
    const fired = new Set(result.findings.map((f) => f.rule));
    for (const rule of rules) expect(fired, `${scenario} should fire ${rule}`).toContain(rule);
  });

  it('mount-leak at full scale still yields the leak', { timeout: 60_000 }, () => {
    const fired = new Set(analyze('mount-leak').findings.map((f) => f.rule));
    expect(fired).toContain('mount-propagation-leak');
    expect(fired).toContain('kernel-thread-flood');
  });

  it.each(['worker-a', 'worker-b', 'worker-c', 'worker-d', 'worker-e', 'worker-f'])(
    'healthy node %s yields nothing at warning or above',
    (name) => {
      const serious = analyze('healthy', { name }).findings.filter(
        (f) => severityRank(f.severity) >= severityRank('warning'),
      );
      expect(serious.map((f) => `${f.rule}: ${f.summary}`)).toEqual([]);
    },
  );
});
