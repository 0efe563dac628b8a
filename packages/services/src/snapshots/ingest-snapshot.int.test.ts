import { upsertNodes } from '@nodescope/db';
import { generateArtifacts } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import { ingestSnapshot } from './ingest-snapshot.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('ingest');
});
afterAll(async () => db?.drop());

describe('ingest (real PostgreSQL)', () => {
  it('compares a node with the latest metrics of its pool peers (fleet-outlier)', async () => {
    const labels = { cluster: 'c1', pool: 'p1' };
    const specs = [
      ...['h-1', 'h-2', 'h-3', 'h-4'].map((name) => ({ name, scenario: 'healthy' as const })),
      { name: 'sick-1', scenario: 'mount-leak' as const, scale: 0.3 },
    ];
    await upsertNodes(
      db.prisma,
      specs.map((s) => ({ name: s.name, host: 'h', labels })),
    );
    const at = new Date('2026-11-22T10:00:00Z');
    for (const spec of specs) {
      const node = await db.prisma.node.findUniqueOrThrow({ where: { name: spec.name } });
      await ingestSnapshot(db.prisma, {
        node,
        takenAt: at,
        status: 'complete',
        durationMs: 5,
        artifacts: generateArtifacts(spec, at),
        source: 'ssh',
      });
    }
    const sick = await db.prisma.finding.findFirst({
      where: { rule: 'fleet-outlier', node: { name: 'sick-1' } },
    });
    expect(sick?.summary).toMatch(/peer median/);
    expect(await db.prisma.finding.count({ where: { rule: 'fleet-outlier', node: { name: 'h-1' } } })).toBe(
      0,
    );
  });
});
