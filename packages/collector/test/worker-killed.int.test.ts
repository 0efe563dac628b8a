import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { upsertNodes } from '@nodescope/db';
import { startFleet } from '@nodescope/simulator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test/test-database.ts';
import { buildCli, INSTALLED_CLI, REPO } from './support/installed-cli.ts';

// A real `nodescope worker` process, SIGKILLed while its snapshot transaction is open (held
// there by a lock this test takes on the artifact table), then a second worker process.
let db: TestDatabase;
let fleet: Awaited<ReturnType<typeof startFleet>>;
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-killed-'));
const LEASE_SEC = 4;
const children: ChildProcess[] = [];
/** Both workers' output, shown when a wait times out. */
let output = '';

function startWorkerProcess(): ChildProcess {
  const child = spawn(INSTALLED_CLI, ['worker', '--concurrency', '2'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: db.url, NODESCOPE_WORKER_LEASE_SEC: String(LEASE_SEC) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.on('exit', (code, signal) => {
    output += `[worker exited: ${signal ?? code}]\n`;
  });
  children.push(child);
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; worker output:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  buildCli();
  db = await createTestDatabase('killed');
  fleet = await startFleet({ stateDir, nodes: [{ name: 'victim-1', scenario: 'healthy' }] });
  await upsertNodes(
    db.prisma,
    fleet.inventory.map((e) => ({ ...e, intervalSec: 3600 })),
  );
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await fleet?.stop();
  await db?.drop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('a worker killed mid-ingest', () => {
  it('leaves no half-stored snapshot; another worker retries the job and stores it once', async () => {
    const locker = new pg.Client({ connectionString: db.url });
    // pg_stat_activity is read once per transaction: the watcher stays out of the locker's.
    const watcher = new pg.Client({ connectionString: db.url });
    await Promise.all([locker.connect(), watcher.connect()]);
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'victim-1' } });
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE artifact IN ACCESS EXCLUSIVE MODE');
      const first = startWorkerProcess();
      // The snapshot row is inserted, its artifacts wait for the lock: the ingest is half done.
      await until(
        'the worker to block inside its snapshot transaction',
        async () => {
          const r = await watcher.query(
            `SELECT 1 FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO artifact%'`,
          );
          return r.rowCount ? true : undefined;
        },
        60_000,
      );
      // Alive but slow, the worker keeps renewing its job: no second worker would take it.
      await new Promise((r) => setTimeout(r, 2.5 * LEASE_SEC * 1000));
      const held = await watcher.query(`SELECT state, retry_count FROM pgboss.job WHERE name = 'collect'`);
      expect(held.rows).toEqual([{ state: 'active', retry_count: 0 }]);
      first.kill('SIGKILL');
      await new Promise<void>((r) => first.once('exit', () => r()));
      await locker.query('ROLLBACK');
      // The orphaned backend finds its client gone once the lock is free, and rolls back.
      await until(
        'the killed worker’s transaction to end',
        async () => {
          const r = await watcher.query(
            `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'INSERT INTO artifact%' AND state <> 'idle'`,
          );
          return r.rowCount ? undefined : true;
        },
        20_000,
      );
      expect(await db.prisma.snapshot.count({ where: { nodeId: node.id } })).toBe(0);
      const active = await watcher.query(`SELECT state FROM pgboss.job WHERE name = 'collect'`);
      expect(active.rows.map((r) => r.state)).toEqual(['active']);

      const t0 = Date.now();
      startWorkerProcess();
      const snap = await until(
        'the retried collection to be stored',
        async () =>
          (await db.prisma.snapshot.findFirst({
            where: { nodeId: node.id },
            include: { _count: { select: { artifacts: true, findings: true } } },
          })) ?? undefined,
        60_000,
      );
      const recoveredMs = Date.now() - t0;
      expect(snap.status).toBe('complete');
      expect(snap._count.artifacts).toBe(13);
      // Recovery is bound by the lease (plus one maintenance round), not pg-boss' default 15 min.
      expect(recoveredMs).toBeLessThan((LEASE_SEC * 3 + 20) * 1000);
      const jobs = await until(
        'the retried job to complete',
        async () => {
          const r = await watcher.query(
            `SELECT state, retry_count FROM pgboss.job WHERE name = 'collect'
             UNION ALL SELECT state, retry_count FROM pgboss.archive WHERE name = 'collect'`,
          );
          return r.rows.some((j) => j.state === 'completed') ? r.rows : undefined;
        },
        20_000,
      );
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ state: 'completed', retry_count: 1 });
      await new Promise((r) => setTimeout(r, 2 * LEASE_SEC * 1000));
      expect(await db.prisma.snapshot.count({ where: { nodeId: node.id } })).toBe(1);
    } finally {
      await Promise.all([locker.end(), watcher.end()]);
    }
  }, 180_000);
});
