import { bundleFor, REFERENCE_TIME } from '@nodescope/simulator';
import { describe, expect, it } from 'vitest';
import { analyzeArtifacts } from '../analyze.ts';
import type { RawArtifact } from '../model/artifact.ts';
import type { ProbeId } from '../model/probe-id.ts';
import { runTriage } from './engine.ts';
import { triageInputFromAnalysis } from './input.ts';
import type { ConclusionId, PlaybookId, TriageReport, Verdict } from './types.ts';

/**
 * Golden tests: every playbook over the simulator's scenario snapshots and hand-made variants
 * (a probe failed, a probe swapped for a healthy node's output) that branch differently.
 * Each case pins the step path (step id -> verdict, in walk order) and the conclusion.
 */

type Mutation = (artifacts: RawArtifact[]) => RawArtifact[];

const SCALE = 0.05;
const cache = new Map<string, RawArtifact[]>();
function artifactsOf(scenario: string): RawArtifact[] {
  let a = cache.get(scenario);
  if (!a) {
    a = bundleFor(scenario, { at: REFERENCE_TIME, scale: SCALE }).artifacts;
    cache.set(scenario, a);
  }
  return a;
}

const failed =
  (probe: ProbeId, how: 'error' | 'timeout' = 'error'): Mutation =>
  (arts) =>
    arts.map((a) =>
      a.probe === probe
        ? {
            ...a,
            text: '',
            ok: false,
            exitCode: null,
            ...(how === 'timeout' ? { timedOut: true } : { error: 'channel closed' }),
          }
        : a,
    );
const removed =
  (probe: ProbeId): Mutation =>
  (arts) =>
    arts.filter((a) => a.probe !== probe);
/** The probe's output as a healthy node printed it. */
const healthy =
  (probe: ProbeId): Mutation =>
  (arts) => {
    const h = artifactsOf('healthy').find((a) => a.probe === probe);
    return arts.map((a) => (a.probe === probe && h ? { ...h } : a));
  };

/** Unmutated scenario reports are shared by the cases; variants are analysed each time. */
const reports = new Map<string, TriageReport>();
function triage(scenario: string, variant?: Mutation, playbook?: PlaybookId): TriageReport {
  const key = `${scenario}|${playbook ?? ''}`;
  const hit = variant ? undefined : reports.get(key);
  if (hit) return hit;
  let arts = artifactsOf(scenario);
  if (variant) arts = variant(arts);
  const takenAt = REFERENCE_TIME.toISOString();
  const r = runTriage(
    triageInputFromAnalysis(analyzeArtifacts(arts, { takenAt })),
    playbook ? { playbook } : {},
  );
  if (!variant) reports.set(key, r);
  return r;
}

interface Golden {
  name: string;
  scenario: string;
  variant?: Mutation;
  playbook: PlaybookId | 'symptom-sweep';
  /** Force this playbook instead of the applicable ones. */
  forced?: boolean;
  path: Record<string, Verdict>;
  conclusion: ConclusionId;
}

const GOLDEN: Golden[] = [
  // Seed A
  {
    name: 'mount leak: kubelet high',
    scenario: 'mount-leak',
    playbook: 'kubelet-resource-high',
    path: {
      'kubelet-usage': 'ruled-out', // 126% at scale 0.05; 2,022% at full scale (see below)
      peers: 'unknown',
      'unmount-retries': 'confirmed',
      'mount-leak': 'confirmed',
      'holder-dead': 'confirmed',
      'kernel-threads': 'confirmed',
    },
    conclusion: 'mount-leak-dead-container',
  },
  {
    name: 'mount leak: pods stuck',
    scenario: 'mount-leak',
    playbook: 'pods-stuck',
    path: { teardown: 'confirmed', 'mount-leak': 'confirmed', 'holder-dead': 'confirmed' },
    conclusion: 'mount-leak-dead-container',
  },
  {
    name: 'mount leak: the disk errors are leaked CSI disks, not the cause',
    scenario: 'mount-leak',
    playbook: 'disk-filesystem-errors',
    path: { 'io-errors': 'confirmed', 'leaked-devices': 'confirmed', 'holder-dead': 'confirmed' },
    conclusion: 'mount-leak-dead-container',
  },
  {
    name: 'mount leak, containers probe failed: holder unknown, nothing concluded',
    scenario: 'mount-leak',
    variant: failed('containers'),
    playbook: 'pods-stuck',
    path: {
      teardown: 'confirmed',
      'mount-leak': 'confirmed',
      'holder-dead': 'unknown',
      // From the runtime log's "failed to remove root filesystem", with no container table.
      'stuck-removal': 'confirmed',
      runc: 'ruled-out',
      'cgroup-ids': 'ruled-out',
    },
    conclusion: 'insufficient-data',
  },
  // Seed B
  {
    name: 'PLEG under I/O pressure',
    scenario: 'pleg-io-pressure',
    playbook: 'pleg-unhealthy',
    path: { 'relist-gaps': 'confirmed', 'runtime-deadlines': 'confirmed', 'io-pressure': 'confirmed' },
    conclusion: 'runtime-io-contention',
  },
  {
    name: 'PLEG: node NotReady',
    scenario: 'pleg-io-pressure',
    playbook: 'node-not-ready',
    path: {
      'kubelet-restarts': 'ruled-out',
      pleg: 'confirmed',
      'runtime-deadlines': 'confirmed',
      'io-pressure': 'confirmed',
      systemd: 'ruled-out',
    },
    conclusion: 'runtime-io-contention',
  },
  {
    name: 'PLEG without PSI: I/O pressure unknown, not concluded',
    scenario: 'pleg-io-pressure',
    variant: removed('psi'),
    playbook: 'pleg-unhealthy',
    path: {
      'relist-gaps': 'confirmed',
      'runtime-deadlines': 'confirmed',
      'io-pressure': 'unknown',
      'kernel-threads': 'ruled-out',
      systemd: 'ruled-out',
    },
    conclusion: 'insufficient-data',
  },
  {
    name: 'PLEG with calm disks: no known cause',
    scenario: 'pleg-io-pressure',
    variant: healthy('psi'),
    playbook: 'pleg-unhealthy',
    path: {
      'relist-gaps': 'confirmed',
      'runtime-deadlines': 'confirmed',
      'io-pressure': 'ruled-out',
      'kernel-threads': 'ruled-out',
      systemd: 'ruled-out',
    },
    conclusion: 'cause-not-found',
  },
  // Seed C
  {
    name: 'XFS shutdown: node NotReady',
    scenario: 'xfs-io-errors',
    playbook: 'node-not-ready',
    path: { 'kubelet-restarts': 'confirmed', 'disk-errors': 'confirmed', 'fs-shutdown': 'confirmed' },
    conclusion: 'disk-failure-kubelet-exits',
  },
  {
    name: 'XFS shutdown: disk errors on a node disk',
    scenario: 'xfs-io-errors',
    playbook: 'disk-filesystem-errors',
    path: {
      'io-errors': 'confirmed',
      'leaked-devices': 'ruled-out',
      'fs-shutdown': 'confirmed',
      'kubelet-exits': 'confirmed',
      slab: 'confirmed',
    },
    conclusion: 'disk-failure-kubelet-exits',
  },
  {
    name: 'XFS shutdown: containers fail on EIO',
    scenario: 'xfs-io-errors',
    playbook: 'containers-fail-to-start',
    path: {
      runc: 'ruled-out',
      'cgroup-ids': 'ruled-out',
      'io-errors': 'confirmed',
      'fs-shutdown': 'confirmed',
    },
    conclusion: 'disk-failure-kubelet-exits',
  },
  {
    name: 'XFS shutdown without the kubelet log: still the disk, kubelet exits unknown',
    scenario: 'xfs-io-errors',
    variant: failed('kubelet-log', 'timeout'),
    playbook: 'disk-filesystem-errors',
    path: {
      'io-errors': 'confirmed',
      'leaked-devices': 'ruled-out',
      'fs-shutdown': 'confirmed',
      'kubelet-exits': 'unknown',
      slab: 'confirmed',
    },
    conclusion: 'disk-failure-kubelet-exits',
  },
  // Seed D
  {
    name: 'cgroup ids exhausted by kmem accounting',
    scenario: 'cgroup-kmem-leak',
    playbook: 'cgroup-mkdir-enospc',
    path: { 'id-space': 'confirmed', kmem: 'confirmed', slab: 'confirmed' },
    conclusion: 'memcg-id-leak-kmem',
  },
  {
    name: 'cgroup ids: pods stuck',
    scenario: 'cgroup-kmem-leak',
    playbook: 'pods-stuck',
    path: {
      teardown: 'ruled-out',
      'stuck-removal': 'ruled-out',
      runc: 'ruled-out',
      'cgroup-ids': 'confirmed',
      kmem: 'confirmed',
    },
    conclusion: 'memcg-id-leak-kmem',
  },
  {
    name: 'cgroup ids: containers fail to start',
    scenario: 'cgroup-kmem-leak',
    playbook: 'containers-fail-to-start',
    path: { runc: 'ruled-out', 'cgroup-ids': 'confirmed', kmem: 'confirmed' },
    conclusion: 'memcg-id-leak-kmem',
  },
  // Seed E
  {
    name: 'systemd hang: containers fail to start',
    scenario: 'systemd-hang',
    playbook: 'containers-fail-to-start',
    path: { runc: 'confirmed', systemd: 'confirmed' },
    conclusion: 'systemd-dbus-hang',
  },
  {
    name: 'systemd hang: node NotReady',
    scenario: 'systemd-hang',
    playbook: 'node-not-ready',
    path: { 'kubelet-restarts': 'ruled-out', pleg: 'ruled-out', systemd: 'confirmed' },
    conclusion: 'systemd-dbus-hang',
  },
  {
    name: 'lingering runc with systemd answering: no known cause',
    scenario: 'systemd-hang',
    variant: healthy('systemd'),
    playbook: 'containers-fail-to-start',
    path: {
      runc: 'confirmed',
      systemd: 'ruled-out',
      'cgroup-ids': 'ruled-out',
      'io-errors': 'ruled-out',
      'runtime-deadlines': 'ruled-out',
      'io-pressure': 'ruled-out',
    },
    conclusion: 'cause-not-found',
  },
  // Healthy
  {
    name: 'healthy: no entry symptom',
    scenario: 'healthy',
    playbook: 'symptom-sweep',
    path: {
      'kubelet-resource-high': 'ruled-out',
      'node-not-ready': 'ruled-out',
      'pleg-unhealthy': 'ruled-out',
      'pods-stuck': 'ruled-out',
      'cgroup-mkdir-enospc': 'ruled-out',
      'disk-filesystem-errors': 'ruled-out',
      'containers-fail-to-start': 'ruled-out',
    },
    conclusion: 'no-problem-found',
  },
  {
    name: 'healthy, kubelet-proc timed out: kubelet usage cannot be ruled out',
    scenario: 'healthy',
    variant: failed('kubelet-proc', 'timeout'),
    playbook: 'symptom-sweep',
    path: {
      'kubelet-resource-high': 'unknown',
      'node-not-ready': 'ruled-out',
      'pleg-unhealthy': 'ruled-out',
      'pods-stuck': 'ruled-out',
      'cgroup-mkdir-enospc': 'ruled-out',
      'disk-filesystem-errors': 'ruled-out',
      'containers-fail-to-start': 'ruled-out',
    },
    conclusion: 'insufficient-data',
  },
  {
    name: 'healthy, kubelet-resource-high asked for',
    scenario: 'healthy',
    playbook: 'kubelet-resource-high',
    forced: true,
    path: {
      'kubelet-usage': 'ruled-out',
      peers: 'unknown',
      'unmount-retries': 'ruled-out',
      'kernel-threads': 'ruled-out',
    },
    conclusion: 'no-problem-found',
  },
];

describe('triage golden paths', () => {
  it.each(GOLDEN.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const r = triage(g.scenario, g.variant, g.forced ? (g.playbook as PlaybookId) : undefined);
    const run = r.runs.find((x) => x.playbook === g.playbook);
    expect(run, `runs: ${r.runs.map((x) => x.playbook).join(', ')}`).toBeDefined();
    const path = Object.fromEntries(run?.steps.map((s) => [s.id, s.verdict]) ?? []);
    expect(Object.entries(path)).toEqual(Object.entries(g.path));
    expect(run?.conclusion.id).toBe(g.conclusion);
    // Every step says why, and an unknown step names the missing data.
    for (const s of run?.steps ?? []) {
      expect(s.reason.length).toBeGreaterThan(10);
      if (s.verdict === 'unknown' && s.id !== 'peers') expect(s.reason).toMatch(/probe|not collected|PSI/);
    }
  });
});

const ROOT: Record<string, ConclusionId | null> = {
  healthy: null,
  'mount-leak': 'mount-leak-dead-container',
  'pleg-io-pressure': 'runtime-io-contention',
  'xfs-io-errors': 'disk-failure-kubelet-exits',
  'cgroup-kmem-leak': 'memcg-id-leak-kmem',
  'systemd-hang': 'systemd-dbus-hang',
};

describe('root cause per scenario', () => {
  it.each(Object.entries(ROOT))('%s -> %s', (scenario, id) => {
    const r = triage(scenario);
    expect(r.rootCause?.id ?? null).toBe(id);
    if (id) {
      // Every applicable playbook agrees on the incident's root cause.
      expect(new Set(r.runs.map((x) => x.conclusion.id))).toEqual(new Set([id]));
      expect(r.rootCause?.chain.length).toBeGreaterThanOrEqual(3);
    } else {
      expect(r.applicable).toEqual([]);
      expect(r.runs.map((x) => x.conclusion.id)).toEqual(['no-problem-found']);
    }
  });

  it('systemd-hang: the timed-out probe is reported as a data gap, yet the hang is confirmed from it', () => {
    const r = triage('systemd-hang');
    expect(r.dataGaps).toContainEqual(expect.objectContaining({ probe: 'systemd', state: 'timed-out' }));
    expect(r.rootCause?.chain[0]).toMatch(/timed out/);
  });
});

describe('seed A at full scale', () => {
  it('reads as the write-up chain with its numbers', { timeout: 180_000 }, () => {
    const b = bundleFor('mount-leak', { at: REFERENCE_TIME });
    const r = runTriage(triageInputFromAnalysis(analyzeArtifacts(b.artifacts, { takenAt: b.takenAt })));
    expect(r.rootCause?.id).toBe('mount-leak-dead-container');
    const chain = r.rootCause?.chain ?? [];
    expect(chain[0]).toMatch(
      /^A DaemonSet \(logxxx-ds;.*\) mounts host \/ at \/logxxx_host with HostToContainer/,
    );
    expect(chain[1]).toMatch(/died and is stuck in Removal In Progress/);
    expect(chain[2]).toMatch(/^6,385 CSI disks' mounts leaked into its rootfs: 12,777 mount records/);
    expect(chain[3]).toMatch(/^19,154 jbd2\/ext4 kernel threads/);
    expect(chain[4]).toMatch(/^kubelet retrying unmounts at ~2,000% CPU \(2,022% measured/);
    const run = r.runs.find((x) => x.playbook === 'kubelet-resource-high');
    expect(run?.steps[0]?.verdict).toBe('confirmed');
    expect(run?.steps[0]?.readings[0]?.text).toBe('kubelet CPU 2,022% (≥ 200%)');
    const plan = run?.conclusion.remediation[0];
    expect(plan?.command).toMatch(/xargs -r -n 1 umount/);
    expect(plan?.note).toMatch(/12,777 leaked copies/);
    expect(
      run?.conclusion.remediation.some((m) =>
        /edit daemonset logxxx-ds.*HostToContainer -> None/.test(m.command),
      ),
    ).toBe(true);
    expect(run?.conclusion.followUps.join(' ')).toMatch(/leaked mounts.*kernel threads/s);
  });
});
