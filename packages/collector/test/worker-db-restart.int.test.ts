import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  disconnectAll,
  freePort,
  getPrisma,
  migrate,
  startEmbeddedPostgres,
  upsertNodes,
} from '@nodescope/db';
import { mixFleet, startFleet } from '@nodescope/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/service/worker.ts';

// 0755: as root the embedded PostgreSQL runs as "postgres" and must reach its folder.
const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-restart-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PostgreSQL restarted during a collection run', () => {
  it('loses no snapshot and stores none twice; the worker carries on', async () => {
    const port = await freePort();
    let pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'db'), port });
    await migrate(pg.url);
    const prisma = getPrisma(pg.url);
    const fleet = await startFleet({ stateDir: path.join(dir, 'fleet'), nodes: mixFleet(20, 'healthy') });
    await upsertNodes(
      prisma,
      fleet.inventory.map((e) => ({ ...e, intervalSec: 3 })),
    );
    const stored: string[] = [];
    const worker = await startWorker({
      databaseUrl: pg.url,
      concurrency: 8,
      tickMs: 200,
      onCollected: (o) => {
        if (o.snapshotId !== undefined) stored.push(String(o.snapshotId));
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 5000));
      const before = stored.length;
      expect(before).toBeGreaterThan(0);
      await pg.stop();
      await new Promise((r) => setTimeout(r, 4000));
      pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'db'), port });
      // The worker's pools reconnect on their own; collection resumes within a bound.
      const end = Date.now() + 60_000;
      while (stored.length <= before + 5 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      expect(stored.length).toBeGreaterThan(before + 5);
    } finally {
      await worker.stop();
      await fleet.stop();
    }
    const rows = await prisma.snapshot.findMany({ select: { id: true, nodeId: true, takenAt: true } });
    // Every snapshot the worker reports as stored is in the database, exactly once.
    const ids = new Set(rows.map((r) => String(r.id)));
    for (const id of stored) expect(ids.has(id)).toBe(true);
    expect(new Set(stored).size).toBe(rows.length);
    const keys = rows.map((r) => `${r.nodeId}@${r.takenAt.toISOString()}`);
    expect(new Set(keys).size).toBe(keys.length);
    await disconnectAll();
    await pg.stop();
  }, 120_000);
});
