import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { upsertNodes } from './nodes.ts';
import { pruneHistory, retentionFromEnv } from './retention.ts';
import { storeSnapshot } from './store-snapshot.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('retention');
});
afterAll(async () => db?.drop());

const day = 86_400_000;
const now = new Date('2026-11-22T00:00:00Z');

describe('pruneHistory (real PostgreSQL)', () => {
  it('drops raw text after rawDays, whole snapshots after historyDays, never the latest one', async () => {
    await upsertNodes(db.prisma, [{ name: 'old', host: 'h' }]);
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'old' } });
    const mk = (ageDays: number) =>
      storeSnapshot(db.prisma, {
        nodeId: node.id,
        takenAt: new Date(now.getTime() - ageDays * day),
        status: 'complete',
        durationMs: 1,
        artifacts: [
          {
            probe: 'psi',
            text: 'some avg10=0.00 avg60=0.00 avg300=0.00 total=1\n',
            exitCode: 0,
            durationMs: 1,
            truncated: false,
            timedOut: false,
          },
        ],
        findings: [],
        metrics: { 'tasks.total': ageDays },
      });
    const ancient = await mk(100);
    const week = await mk(10);
    const fresh = await mk(1);
    const result = await pruneHistory(db.prisma, { rawDays: 7, historyDays: 90 }, now);
    expect(result.snapshotsDeleted).toBe(1);
    expect(await db.prisma.snapshot.findUnique({ where: { id: ancient } })).toBeNull();
    const weekArt = await db.prisma.artifact.findFirstOrThrow({ where: { snapshotId: week } });
    expect(weekArt.content).toBeNull();
    expect(weekArt.prunedAt?.toISOString()).toBe(now.toISOString());
    const freshArt = await db.prisma.artifact.findFirstOrThrow({ where: { snapshotId: fresh } });
    expect(freshArt.content).not.toBeNull();
    expect(await db.prisma.metricSample.count({ where: { nodeId: node.id } })).toBe(2);
  });

  it('keeps a node latest snapshot even when it is older than every cutoff', async () => {
    await upsertNodes(db.prisma, [{ name: 'silent', host: 'h' }]);
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'silent' } });
    const id = await storeSnapshot(db.prisma, {
      nodeId: node.id,
      takenAt: new Date(now.getTime() - 200 * day),
      status: 'complete',
      durationMs: 1,
      artifacts: [
        { probe: 'system', text: 'x\n', exitCode: 0, durationMs: 1, truncated: false, timedOut: false },
      ],
      findings: [],
      metrics: { 'tasks.total': 1 },
    });
    await pruneHistory(db.prisma, { rawDays: 7, historyDays: 90 }, now);
    const art = await db.prisma.artifact.findFirstOrThrow({ where: { snapshotId: id } });
    expect(art.content).not.toBeNull();
  });

  it('reads its policy from the environment with sane defaults', () => {
    expect(retentionFromEnv({})).toEqual({ rawDays: 7, historyDays: 90 });
    expect(retentionFromEnv({ NODESCOPE_RETAIN_RAW_DAYS: '3' })).toEqual({ rawDays: 3, historyDays: 90 });
    // A malformed value is an error that names the variable, not a silent fallback.
    expect(() => retentionFromEnv({ NODESCOPE_RETAIN_DAYS: 'x' })).toThrow(
      /NODESCOPE_RETAIN_DAYS must be a positive number/,
    );
  });
});
