import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { upsertNodes } from '@nodescope/db';
import { mixFleet, startFleet } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test/test-database.ts';
import { startWorker } from '../src/service/worker.ts';

// Two workers (two pg-boss instances, as on two machines) share one database and 200 nodes.
const NODES = 200;
const INTERVAL_S = 10;
const RUN_MS = 25_000;
let db: TestDatabase;
let fleet: Awaited<ReturnType<typeof startFleet>>;
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-scale-'));
const collectedBy = new Map<string, string[]>();

beforeAll(async () => {
  db = await createTestDatabase('scaleout');
  fleet = await startFleet({ stateDir, nodes: mixFleet(NODES, 'healthy') });
  await upsertNodes(
    db.prisma,
    fleet.inventory.map((e) => ({ ...e, intervalSec: INTERVAL_S })),
  );
  const workers = await Promise.all(
    ['w1', 'w2'].map((id) =>
      startWorker({
        databaseUrl: db.url,
        concurrency: 16,
        tickMs: 250,
        onCollected: (o) => collectedBy.set(o.node, [...(collectedBy.get(o.node) ?? []), id]),
      }),
    ),
  );
  await new Promise((r) => setTimeout(r, RUN_MS));
  await Promise.all(workers.map((w) => w.stop()));
}, 120_000);

afterAll(async () => {
  await fleet?.stop();
  await db?.drop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('two workers over 200 nodes', () => {
  it('collects every node, never twice at once, at most once per interval', async () => {
    const snaps = await db.prisma.snapshot.findMany({
      select: { nodeId: true, takenAt: true, durationMs: true },
      orderBy: [{ nodeId: 'asc' }, { takenAt: 'asc' }],
    });
    const byNode = new Map<number, { start: number; end: number }[]>();
    for (const s of snaps) {
      const list = byNode.get(s.nodeId) ?? [];
      list.push({ start: s.takenAt.getTime(), end: s.takenAt.getTime() + s.durationMs });
      byNode.set(s.nodeId, list);
    }
    expect(byNode.size).toBe(NODES);
    // Claims move a node's next due time one interval ahead, so a run of RUN_MS allows at most
    // one collection per started interval; the snapshot itself starts after a variable queue wait.
    const maxRounds = Math.ceil(RUN_MS / 1000 / INTERVAL_S) + 1;
    for (const runs of byNode.values()) {
      expect(runs.length).toBeLessThanOrEqual(maxRounds);
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.start).toBeGreaterThanOrEqual(runs[i - 1]!.end);
    }
    expect(snaps.length).toBeGreaterThan(NODES);
  });

  it('shares the work between both workers', () => {
    const all = [...collectedBy.values()].flat();
    expect(all.filter((w) => w === 'w1').length).toBeGreaterThan(NODES / 10);
    expect(all.filter((w) => w === 'w2').length).toBeGreaterThan(NODES / 10);
  });
});
