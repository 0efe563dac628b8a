import { gunzipSync } from 'node:zlib';
import type { Finding, RawArtifact } from '@nodescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { listFleet } from './fleet.ts';
import { upsertNodes } from './nodes.ts';
import { storeSnapshot } from './store-snapshot.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('store');
});
afterAll(async () => db?.drop());

const artifact = (text: string, extra: Partial<RawArtifact> = {}): RawArtifact => ({
  probe: 'system',
  text,
  exitCode: 0,
  durationMs: 12,
  truncated: false,
  timedOut: false,
  ...extra,
});

const finding = (rule: Finding['rule'], severity: Finding['severity']): Finding => ({
  rule,
  severity,
  title: `${rule} title`,
  summary: 'summary',
  evidence: [{ probe: 'dmesg', line: 3, text: 'XFS (vdb): metadata I/O error' }],
  evidenceTotal: 1,
  metrics: { x: 1 },
});

describe('storeSnapshot (real PostgreSQL)', () => {
  it('stores artifacts compressed, findings, metrics, and refreshes the fleet row', async () => {
    await upsertNodes(db.prisma, [
      { name: 'n1', host: '127.0.0.1', port: 2222, labels: { cluster: 'c1', pool: 'p1' } },
    ]);
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'n1' } });
    const text = 'kernel_release=5.15.0\n'.repeat(100);
    const id = await storeSnapshot(db.prisma, {
      nodeId: node.id,
      takenAt: new Date('2026-11-22T10:00:00Z'),
      status: 'partial',
      durationMs: 1500,
      artifacts: [artifact(text), artifact('', { probe: 'systemd', timedOut: true, exitCode: null })],
      findings: [finding('disk-io-errors', 'warning'), finding('filesystem-shutdown', 'critical')],
      metrics: { 'tasks.total': 20135, 'load.1': 48.1, bogus: Number.NaN },
      facts: { kernelRelease: '5.15.0' },
    });
    const art = await db.prisma.artifact.findFirstOrThrow({ where: { snapshotId: id, probe: 'system' } });
    expect(gunzipSync(Buffer.from(art.content!)).toString()).toBe(text);
    expect(art.byteSize).toBe(text.length);
    expect(art.lineCount).toBe(100);
    const snap = await db.prisma.snapshot.findUniqueOrThrow({ where: { id } });
    expect(snap.probeErrors).toEqual({ systemd: 'timed out' });
    expect(await db.prisma.metricSample.count({ where: { snapshotId: id } })).toBe(2);
    const [row] = await listFleet(db.prisma);
    expect(row?.health).toBe('critical');
    expect(row?.latestFindings[0]?.rule).toBe('filesystem-shutdown');
    expect(row?.latestMetrics['tasks.total']).toBe(20135);
    expect(row?.kernelRelease).toBe('5.15.0');
    expect(row?.lastState).toBe('partial');
  });

  it('carries first-seen over from the previous snapshot and ignores a duplicate collect key', async () => {
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'n1' } });
    const base = { nodeId: node.id, status: 'complete' as const, durationMs: 10, artifacts: [], metrics: {} };
    const t2 = new Date('2026-11-22T10:05:00Z');
    const id2 = await storeSnapshot(db.prisma, {
      ...base,
      takenAt: t2,
      collectKey: 'k-2',
      findings: [finding('disk-io-errors', 'warning'), finding('hung-task', 'warning')],
    });
    const again = await storeSnapshot(db.prisma, { ...base, takenAt: t2, collectKey: 'k-2', findings: [] });
    expect(again).toBe(id2);
    const rows = await db.prisma.finding.findMany({ where: { snapshotId: id2 }, orderBy: { rule: 'asc' } });
    expect(rows.map((r) => [r.rule, r.firstSeenAt.toISOString()])).toEqual([
      ['disk-io-errors', '2026-11-22T10:00:00.000Z'],
      ['hung-task', '2026-11-22T10:05:00.000Z'],
    ]);
    expect(await db.prisma.snapshot.count({ where: { nodeId: node.id } })).toBe(2);
  });

  it('an older (backfilled) snapshot does not replace the latest fleet fields', async () => {
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'n1' } });
    await storeSnapshot(db.prisma, {
      nodeId: node.id,
      takenAt: new Date('2026-11-01T00:00:00Z'),
      status: 'complete',
      durationMs: 1,
      artifacts: [],
      findings: [],
      metrics: { 'tasks.total': 1 },
      source: 'backfill',
    });
    const [row] = await listFleet(db.prisma);
    expect(row?.lastSnapshotAt?.toISOString()).toBe('2026-11-22T10:05:00.000Z');
  });
});
