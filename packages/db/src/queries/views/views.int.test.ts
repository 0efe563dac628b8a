import type { Finding, RawArtifact } from '@nodescope/core';
import { parseBundle, serializeBundle } from '@nodescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { recordCollectionFailure, upsertNodes } from '../nodes.ts';
import { storeSnapshot } from '../store-snapshot.ts';
import { artifactText } from './artifact-text.ts';
import { fleetOverview } from './fleet-overview.ts';
import { fleetSparklines } from './fleet-sparklines.ts';
import { nodeDetail } from './node-detail.ts';
import { nodePeers } from './node-peers.ts';
import { nodeTrends } from './node-trends.ts';
import { prometheusMetrics } from './prometheus-metrics.ts';
import { requestCollection } from './request-collection.ts';
import { snapshotBundle } from './snapshot-bundle.ts';
import { snapshotDetail } from './snapshot-detail.ts';
import { uploadTarget } from './upload-target.ts';

let db: TestDatabase;
const HOUR = 3600_000;
const now = Date.now();
let lastSnapshotOfSick = 0n;

const kubeletLog =
  'I1122 ok\nE1122 nestedpendingoperations.go:301] GetDeviceMountRefs check failed\nI1122 ok\n';
const artifacts: RawArtifact[] = [
  { probe: 'kubelet-log', text: kubeletLog, exitCode: 0, durationMs: 12, truncated: false, timedOut: false },
  {
    probe: 'dmesg',
    text: '',
    exitCode: null,
    durationMs: 5000,
    truncated: false,
    timedOut: true,
    error: 'timed out',
  },
];
const leak: Finding = {
  rule: 'mount-propagation-leak',
  severity: 'critical',
  title: '12,777 leaked mounts',
  summary: 'leak',
  evidence: [
    {
      probe: 'kubelet-log',
      line: 2,
      text: 'E1122 nestedpendingoperations.go:301] GetDeviceMountRefs check failed',
    },
  ],
  evidenceTotal: 4000,
  metrics: { 'mounts.leaked': 12_777 },
};

beforeAll(async () => {
  db = await createTestDatabase('views');
  const nodes = Array.from({ length: 6 }, (_, i) => ({
    name: `n${i + 1}`,
    host: `10.0.0.${i + 1}`,
    labels: { cluster: 'east', pool: i < 5 ? 'general' : 'gpu', zone: i % 2 ? 'z2' : 'z1' },
  }));
  await upsertNodes(db.prisma, nodes);
  const rows = await db.prisma.node.findMany({ orderBy: { name: 'asc' } });
  for (const [i, n] of rows.entries()) {
    if (n.name === 'n6') {
      await recordCollectionFailure(
        db.prisma,
        n.id,
        'host-key-changed',
        'host key for 10.0.0.6 has CHANGED',
        new Date(now),
      );
      continue;
    }
    const sick = n.name === 'n1';
    // 48 hourly snapshots; the sick node's kubelet CPU climbs and its leak appears 10 hours ago.
    for (let h = 47; h >= 0; h--) {
      const takenAt = new Date(now - h * HOUR);
      const id = await storeSnapshot(db.prisma, {
        nodeId: n.id,
        takenAt,
        status: sick ? 'partial' : 'complete',
        durationMs: 900,
        artifacts: h === 0 ? artifacts : [],
        findings: sick && h <= 10 ? [leak] : [],
        metrics: {
          'kubelet.cpu_percent': sick ? 26 + (47 - h) * 42 : 25 + i,
          'tasks.total': 1_000 + i * 10,
          'uptime.s': 86_400 + (47 - h) * 3600,
          'cgroups.memory': 200,
          'pleg.relist_max_gap_s': h === 5 && sick ? 42 : 1,
        },
        facts: { kernelRelease: '5.15.0-91-generic', kubeletVersion: 'v1.28.9' },
      });
      if (sick) lastSnapshotOfSick = id;
    }
  }
});

afterAll(async () => {
  await db?.drop();
});

describe('fleet views', () => {
  it('lists every node with state, versions and the peer outlier of the sick node', async () => {
    const f = await fleetOverview(db.prisma, {});
    expect(f.rows).toHaveLength(6);
    expect(f.facets.total).toBe(6);
    expect(f.facets.states['host-key-changed']).toBe(1);
    const sick = f.rows.find((r) => r.name === 'n1');
    expect(sick?.health).toBe('critical');
    expect(sick?.kernelRelease).toBe('5.15.0-91-generic');
    expect(sick?.lastSnapshotId).toBe(String(lastSnapshotOfSick));
    expect(sick?.outliers[0]).toMatchObject({ metric: 'kubelet.cpu_percent' });
    expect(sick?.outliers[0]?.ratio).toBeGreaterThan(50);
    const refused = f.rows.find((r) => r.name === 'n6');
    expect(refused).toMatchObject({
      lastState: 'host-key-changed',
      lastError: expect.stringContaining('CHANGED'),
      stale: true,
    });
    // Default sort: sickest first within each pool group.
    expect(f.rows[0]?.name).toBe('n1');
  });

  it('filters by severity, rule, label, state and free text in SQL', async () => {
    const names = async (input: Parameters<typeof fleetOverview>[1]) =>
      (await fleetOverview(db.prisma, input)).rows.map((r) => r.name);
    expect(await names({ severity: ['critical'] })).toEqual(['n1']);
    expect(await names({ rule: ['mount-propagation-leak'] })).toEqual(['n1']);
    expect(await names({ label: ['zone=z2'], group: 'none', sort: 'name', dir: 'asc' })).toEqual([
      'n2',
      'n4',
      'n6',
    ]);
    expect(await names({ state: ['host-key-changed'] })).toEqual(['n6']);
    expect(await names({ q: 'CHANGED' })).toEqual(['n6']);
    expect(await names({ q: '10.0.0.3' })).toEqual(['n3']);
    expect(await names({ q: "50%_'" })).toEqual([]);
  });

  it('serves the unfiltered fleet from an incremental cache that sees changes and removals', async () => {
    const before = await fleetOverview(db.prisma, {});
    const n3 = await db.prisma.node.findUniqueOrThrow({ where: { name: 'n3' } });
    await storeSnapshot(db.prisma, {
      nodeId: n3.id,
      takenAt: new Date(),
      status: 'complete',
      durationMs: 1,
      artifacts: [],
      findings: [{ ...leak, rule: 'hung-task', severity: 'warning', title: 'hung' }],
      metrics: { 'tasks.total': 4242, 'kubelet.cpu_percent': 27 },
    });
    const after = await fleetOverview(db.prisma, {});
    expect(before.rows.find((r) => r.name === 'n3')?.health).toBe('ok');
    expect(after.rows.find((r) => r.name === 'n3')).toMatchObject({
      health: 'warning',
      values: expect.arrayContaining([4242]),
    });
    const ghost = await db.prisma.node.create({ data: { name: 'ghost', host: 'g' } });
    expect((await fleetOverview(db.prisma, {})).rows.map((r) => r.name)).toContain('ghost');
    await db.prisma.node.delete({ where: { id: ghost.id } });
    expect((await fleetOverview(db.prisma, {})).rows.map((r) => r.name)).not.toContain('ghost');
  });

  it('sorts by a metric column', async () => {
    const f = await fleetOverview(db.prisma, { sort: 'm:tasks.total', dir: 'desc', group: 'none' });
    expect(f.rows.map((r) => r.name)).toEqual(['n3', 'n5', 'n4', 'n2', 'n1', 'n6']);
  });

  it('downsamples sparklines for the requested rows only', async () => {
    const s = await fleetSparklines(db.prisma, {
      names: ['n1', 'n2'],
      metrics: ['kubelet.cpu_percent'],
      hours: 24,
      buckets: 12,
    });
    expect(Object.keys(s).sort()).toEqual(['n1', 'n2']);
    const series = s.n1?.['kubelet.cpu_percent'] ?? [];
    expect(series).toHaveLength(12);
    const nums = series.filter((v): v is number => v !== null);
    expect(nums.length).toBeGreaterThan(9);
    expect(nums[nums.length - 1]).toBeGreaterThan(nums[0] as number);
  });
});

describe('node views', () => {
  it('returns the header, latest findings with evidence and first-seen carried over', async () => {
    const n = await nodeDetail(db.prisma, 'n1');
    expect(n?.findings).toHaveLength(1);
    const f = n?.findings[0];
    expect(f?.evidence[0]).toMatchObject({ probe: 'kubelet-log', line: 2 });
    expect(new Date(f?.firstSeenAt ?? 0).getTime()).toBeLessThan(now - 9 * HOUR);
    expect(n?.lastSnapshot?.probeErrors).toEqual({ dmesg: 'timed out' });
    expect(n?.recentSnapshots.length).toBeGreaterThan(10);
    expect(await nodeDetail(db.prisma, 'nope')).toBeNull();
  });

  it('compares the node with its pool (median and p90 of the others)', async () => {
    const p = await nodePeers(db.prisma, 'n1');
    expect(p?.peers).toBe(4);
    const cpu = p?.rows.find((r) => r.metric === 'kubelet.cpu_percent');
    expect(cpu?.value).toBe(26 + 47 * 42);
    expect(cpu?.median).toBeCloseTo(27.5, 5);
    expect(cpu?.ratio).toBeGreaterThan(70);
  });

  it('downsamples trends to the requested points, keeps spikes, and annotates first-seen', async () => {
    const t = await nodeTrends(db.prisma, {
      name: 'n1',
      from: new Date(now - 48 * HOUR),
      to: new Date(now + 1000),
      points: 12,
    });
    expect(t?.times.length).toBeLessThanOrEqual(13);
    expect(t?.bucketSec).toBeGreaterThanOrEqual(4 * 3600);
    expect(t?.bucketSec).toBeLessThan(4 * 3600 + 60);
    expect(
      Math.max(...((t?.series['pleg.relist_max_gap_s'] ?? []).filter((v) => v !== null) as number[])),
    ).toBe(42);
    expect(t?.annotations.map((a) => a.rule)).toEqual(['mount-propagation-leak']);
  });

  it('requests a collection by making the node due now', async () => {
    const r = await requestCollection(db.prisma, 'n2');
    expect(r.accepted).toBe(true);
    const n = await db.prisma.node.findUnique({ where: { name: 'n2' } });
    expect(n?.nextDueAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await requestCollection(db.prisma, 'ghost')).accepted).toBe(false);
  });
});

describe('snapshot views', () => {
  it('lists probes with their errors and serves artifact text', async () => {
    const s = await snapshotDetail(db.prisma, lastSnapshotOfSick);
    expect(s?.probes.map((p) => p.probe).sort()).toEqual(['dmesg', 'kubelet-log']);
    expect(s?.probes.find((p) => p.probe === 'dmesg')).toMatchObject({ timedOut: true, error: 'timed out' });
    expect(s?.nextId).toBeNull();
    expect(s?.previousId).not.toBeNull();
    const a = await artifactText(db.prisma, lastSnapshotOfSick, 'kubelet-log');
    expect(a?.text).toBe(kubeletLog);
    expect(a?.lineCount).toBe(3);
    expect(await artifactText(db.prisma, lastSnapshotOfSick, 'psi')).toBeNull();
  });

  it('rebuilds a bundle that parses back to the same artifacts', async () => {
    const b = await snapshotBundle(db.prisma, lastSnapshotOfSick);
    const parsed = parseBundle(serializeBundle(b?.bundle as NonNullable<typeof b>['bundle'])).value;
    expect(parsed?.node.name).toBe('n1');
    expect(parsed?.artifacts.find((x) => x.probe === 'kubelet-log')?.text).toBe(kubeletLog);
    expect(b?.fileName).toMatch(/^n1-.*\.nsbundle$/);
  });

  it('creates an upload target node once, with its pool peers', async () => {
    const first = await uploadTarget(db.prisma, 'far-away-1', '192.168.9.9');
    expect(first.created).toBe(true);
    const again = await uploadTarget(db.prisma, 'far-away-1');
    expect(again.created).toBe(false);
    expect(
      (await uploadTarget(db.prisma, 'n2', undefined, { attach: true })).peers.map((p) => p.name).sort(),
    ).toEqual(['n1', 'n3', 'n4', 'n5']);
    // Not attached: kept apart as n2~upload, compared with the same pool, the real n2 included.
    const apart = await uploadTarget(db.prisma, 'n2');
    expect(apart).toMatchObject({ node: { name: 'n2~upload' }, keptApartFrom: 'n2' });
    expect(apart.peers.map((p) => p.name).sort()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
  });

  it('searches rule words as well as ids: "mount leak" finds the mount-propagation-leak node', async () => {
    const o = await fleetOverview(db.prisma, { q: 'mount leak', aggregatesMaxAgeMs: 0 });
    expect(o.rows.map((r) => r.name)).toContain('n1');
    const none = await fleetOverview(db.prisma, { q: 'mount zebra', aggregatesMaxAgeMs: 0 });
    expect(none.rows.map((r) => r.name)).not.toContain('n1');
  });

  it('exports Prometheus text', async () => {
    const text = await prometheusMetrics(db.prisma);
    expect(text).toContain(
      'nodescope_open_findings{node="n1",cluster="east",pool="general",rule="mount-propagation-leak",severity="critical"} 1',
    );
    expect(text).toContain(
      'nodescope_collection_success{node="n6",cluster="east",pool="gpu",state="host-key-changed"} 0',
    );
    expect(text).toMatch(
      /nodescope_snapshot_age_seconds\{node="n2",cluster="east",pool="general",state="[a-z-]+"\} \d/,
    );
    // Every node is in the health and age series, the changed-key node as a security event.
    expect(text).toContain(
      'nodescope_node_health{node="n6",cluster="east",pool="gpu",state="host-key-changed"} 4',
    );
    expect(text).toMatch(
      /nodescope_snapshot_age_seconds\{node="n6",cluster="east",pool="gpu",state="host-key-changed"\} (\+Inf|\d)/,
    );
    for (const n of ['n1', 'n2', 'n3', 'n4', 'n5', 'n6']) {
      expect(text).toMatch(new RegExp(`nodescope_node_health\\{node="${n}",`));
      expect(text).toMatch(new RegExp(`nodescope_snapshot_age_seconds\\{node="${n}",`));
    }
  });
});
