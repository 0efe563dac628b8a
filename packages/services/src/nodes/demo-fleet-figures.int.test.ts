import { analyzeArtifacts, fmtMetric, type Metrics, type RawArtifact } from '@nodescope/core';
import { fleetOverview, nodeDetail, nodePeers, storeSnapshot, upsertNodes } from '@nodescope/db';
import { demoFleet, generateArtifacts } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';

/**
 * The demo fleet stored in a real PostgreSQL the way ingest stores it, then read back through
 * the views the pages render: every figure about a node and its peers must be the same number
 * wherever it is shown (the fleet-outlier finding, the fleet table's outlier marks, the node
 * page's peer table), and each finding's metrics must be the snapshot's metrics.
 */
let db: TestDatabase;
const T = new Date('2026-12-01T12:00:00Z');
const specs = demoFleet({ now: T, historyMs: 48 * 3_600_000 }).filter((s) => !s.faults?.length);

async function peersOf(name: string, cluster: string, pool: string) {
  const rows = await db.prisma.node.findMany({
    where: { cluster, pool, name: { not: name }, lastSnapshotId: { not: null } },
    select: { name: true, latestMetrics: true },
  });
  return rows.map((r) => ({ name: r.name, metrics: (r.latestMetrics ?? {}) as Metrics }));
}

beforeAll(async () => {
  db = await createTestDatabase('demo_figures');
  await upsertNodes(
    db.prisma,
    specs.map((s) => ({ name: s.name, host: '127.0.0.1', port: 22, user: 'root', labels: s.labels ?? {} })),
  );
  const artifacts = new Map<string, RawArtifact[]>();
  for (const s of specs) artifacts.set(s.name, generateArtifacts(s, T));
  // Two rounds: in the second every node is compared with peers that all have their metrics.
  for (const [round, at] of [T, new Date(T.getTime() + 60_000)].entries()) {
    for (const s of specs) {
      const node = await db.prisma.node.findUniqueOrThrow({ where: { name: s.name } });
      const a = analyzeArtifacts(artifacts.get(s.name) as RawArtifact[], {
        takenAt: at.toISOString(),
        nodeName: s.name,
        peers: await peersOf(s.name, node.cluster, node.pool),
      });
      await storeSnapshot(db.prisma, {
        nodeId: node.id,
        takenAt: at,
        status: 'complete',
        durationMs: 1,
        source: 'ssh',
        collectKey: `${s.name}-${round}`,
        artifacts: [],
        findings: a.findings,
        metrics: a.metrics,
      });
    }
  }
}, 600_000);
afterAll(async () => db?.drop());

describe('demo fleet: one truth per number', () => {
  it('a fleet-outlier finding, the peer table and the fleet row give the same peer figures', async () => {
    const fleet = await fleetOverview(db.prisma, { aggregatesMaxAgeMs: 0 });
    let checked = 0;
    for (const s of specs) {
      const detail = await nodeDetail(db.prisma, s.name);
      const peers = await nodePeers(db.prisma, s.name);
      expect(detail && peers).toBeTruthy();
      if (!detail || !peers) continue;
      const poolSize = specs.filter(
        (o) => o.labels?.cluster === s.labels?.cluster && o.labels?.pool === s.labels?.pool,
      ).length;
      // The population is the node's peers, never the node itself.
      expect(peers.peers).toBe(poolSize - 1);
      const table = new Map(peers.rows.map((r) => [r.metric, r]));
      const finding = detail.findings.find((f) => f.rule === 'fleet-outlier');
      const outliers = (finding?.details?.outliers ?? []) as {
        metric: string;
        median: number;
        ratio?: number;
        peers: number;
      }[];
      for (const [i, o] of outliers.entries()) {
        const row = table.get(o.metric);
        if (!row) continue;
        expect(row.median, `${s.name} ${o.metric} median`).toBe(o.median);
        expect(row.ratio ?? undefined, `${s.name} ${o.metric} ratio`).toBe(o.ratio);
        expect(row.peers).toBe(o.peers);
        expect(row.outlier).toBe(true);
        // The summary spells out the first four (the rest as "N more").
        if (i < 4) expect(finding?.summary).toContain(fmtMetric(o.metric, o.median));
        checked++;
      }
      const row = fleet.rows.find((r) => r.name === s.name);
      for (const o of row?.outliers ?? []) {
        const t = table.get(o.metric);
        expect(t?.median, `${s.name} fleet ${o.metric}`).toBe(o.median);
        expect(t?.ratio ?? null).toBe(o.ratio);
        expect(t?.outlier).toBe(true);
        checked++;
      }
      // And the other way round: every key metric the peer table flags is marked in the fleet row.
      for (const r of peers.rows.filter((r) => r.outlier && fleet.metrics.some((m) => m.name === r.metric)))
        expect(
          row?.outliers.map((o) => o.metric),
          `${s.name} ${r.metric}`,
        ).toContain(r.metric);
    }
    // The demo's incident nodes do stand out: the comparison was exercised, not skipped.
    expect(checked).toBeGreaterThan(5);
  });

  it("every finding's figures are the snapshot's metrics", async () => {
    for (const s of specs) {
      const detail = await nodeDetail(db.prisma, s.name);
      if (!detail) continue;
      for (const f of detail.findings) {
        for (const [k, v] of Object.entries(f.metrics)) {
          if (detail.metrics[k] === undefined) continue;
          expect(v, `${s.name} ${f.rule} ${k}`).toBe(detail.metrics[k]);
        }
        if (f.rule === 'pleg-unhealthy') {
          const d = f.details as { maxStalenessSeconds?: number; maxGap?: { seconds: number } };
          // "last seen active N s ago" can never exceed the longest relist gap the same log shows.
          if (d.maxStalenessSeconds !== undefined && d.maxGap)
            expect(d.maxStalenessSeconds).toBeLessThanOrEqual(d.maxGap.seconds);
          expect(f.summary).toContain(
            fmtMetric('pleg.relist_max_gap_s', detail.metrics['pleg.relist_max_gap_s'] ?? 0),
          );
        }
      }
    }
  });
});
