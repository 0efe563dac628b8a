import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { upsertNodes } from '@nodescope/db';
import { startFleet } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test/test-database.ts';
import { startWorker, type WorkerHandle } from '../src/service/worker.ts';

// Real parts end to end: simulated nodes on loopback SSH (ssh2 servers), the worker with its
// pg-boss queue on a real PostgreSQL, the core analysis at ingest.
let db: TestDatabase;
let fleet: Awaited<ReturnType<typeof startFleet>>;
let worker: WorkerHandle;
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-fleet-'));

beforeAll(async () => {
  db = await createTestDatabase('worker');
  fleet = await startFleet({
    stateDir,
    nodes: [
      { name: 'ok-1', scenario: 'healthy' },
      { name: 'ok-2', scenario: 'healthy' },
      { name: 'leak-1', scenario: 'mount-leak', scale: 0.02 },
      { name: 'hang-1', scenario: 'systemd-hang', scale: 0.1 },
      { name: 'spoofed-1', scenario: 'healthy', faults: ['wrong-host-key'] },
      { name: 'down-1', scenario: 'healthy', faults: ['refuse-connection'] },
      { name: 'noauth-1', scenario: 'healthy', faults: ['auth-reject'] },
    ],
  });
  await upsertNodes(
    db.prisma,
    fleet.inventory.map((e) => ({ ...e, intervalSec: 3600 })),
  );
  worker = await startWorker({ databaseUrl: db.url, concurrency: 8, tickMs: 200 });
  await worker.idle();
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await fleet?.stop();
  await db?.drop();
  rmSync(stateDir, { recursive: true, force: true });
});

const node = (name: string) => db.prisma.node.findUniqueOrThrow({ where: { name } });

describe('collection worker against a simulated fleet', () => {
  it('stores complete snapshots of healthy nodes with their metrics', async () => {
    for (const name of ['ok-1', 'ok-2']) {
      const n = await node(name);
      expect(n.lastState).toBe('ok');
      const snaps = await db.prisma.snapshot.findMany({
        where: { nodeId: n.id },
        include: { artifacts: true },
      });
      expect(snaps).toHaveLength(1);
      expect(snaps[0]!.status).toBe('complete');
      expect(snaps[0]!.artifacts.length).toBe(13);
      expect((n.latestMetrics as Record<string, number>)['tasks.total']).toBeGreaterThan(50);
      expect(n.kernelRelease).toMatch(/^\d+\.\d+/);
    }
  });

  it('finds the mount leak on the mount-leak node at ingest', async () => {
    const n = await node('leak-1');
    const rules = (n.latestFindings as { rule: string }[]).map((f) => f.rule);
    expect(rules).toContain('mount-propagation-leak');
    expect(n.health).toBe('critical');
  });

  it('stores a partial snapshot when the systemd probe hangs, within the probe timeout', async () => {
    const n = await node('hang-1');
    const snap = await db.prisma.snapshot.findFirstOrThrow({
      where: { nodeId: n.id },
      include: { artifacts: true },
    });
    expect(snap.status).toBe('partial');
    const systemd = snap.artifacts.find((a) => a.probe === 'systemd')!;
    expect(systemd.timedOut).toBe(true);
    expect(snap.durationMs).toBeLessThan((15 + 3) * 1000);
    expect(snap.artifacts.filter((a) => !a.timedOut).length).toBe(12);
    expect((n.latestFindings as { rule: string }[]).map((f) => f.rule)).toContain('systemd-unresponsive');
  });

  it('refuses a host key that does not match known_hosts and says so on the node', async () => {
    const n = await node('spoofed-1');
    expect(n.lastState).toBe('host-key-changed');
    expect(n.lastError).toMatch(/SHA256:/);
    expect(await db.prisma.snapshot.count({ where: { nodeId: n.id } })).toBe(0);
  });

  it('records unreachable and authentication failures and backs off', async () => {
    const down = await node('down-1');
    expect(down.lastState).toBe('unreachable');
    expect(down.failureCount).toBe(1);
    expect(down.nextDueAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const noauth = await node('noauth-1');
    expect(noauth.lastState).toBe('auth');
  });
});
