import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import { freePort } from './free-port.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'nodescope-embedded-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function count(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps its data across a restart and applies migrations once', async () => {
    const dataDir = path.join(root, 'reuse');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    expect((await migrate(first.url)).applied.length).toBeGreaterThan(0);
    await count(
      first.url,
      `INSERT INTO node (name, host, updated_at) VALUES ('kept', 'h', now()) RETURNING 1 AS n`,
    );
    await first.stop();
    const t = performance.now();
    const second = await startEmbeddedPostgres({ dataDir, port });
    const restartMs = performance.now() - t;
    try {
      expect((await migrate(second.url)).applied).toEqual([]);
      expect(await count(second.url, `SELECT count(*) AS n FROM node WHERE name = 'kept'`)).toBe(1);
      expect(restartMs).toBeLessThan(30_000);
    } finally {
      await second.stop();
    }
  });

  it('refuses a taken port with a message that names the port and the way out', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((r) =>
      blocker.listen(0, '127.0.0.1', () => r((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const err = await startEmbeddedPostgres({ dataDir: path.join(root, 'busy'), port }).catch((e) => e);
      expect(err).toBeInstanceOf(EmbeddedPostgresError);
      expect(err.message).toContain(`Port ${port}`);
      expect(err.message).toContain('NODESCOPE_PG_PORT');
    } finally {
      blocker.close();
    }
  });

  it('refuses a data folder it cannot create, with a clear message', async () => {
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const err = await startEmbeddedPostgres({
      dataDir: path.join(file, 'data'),
      port: await freePort(),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(EmbeddedPostgresError);
    expect(err.message).toMatch(/not writable/);
    expect(err.message).toContain('NODESCOPE_DATA_DIR');
  });

  it('shares a cluster that is already running on the same folder instead of failing', async () => {
    const dataDir = path.join(root, 'shared');
    mkdirSync(dataDir, { recursive: true });
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      const other = await startEmbeddedPostgres({ dataDir, port: await freePort() });
      expect(other.port).toBe(server.port);
      expect(await count(other.url, 'SELECT 1 AS n')).toBe(1);
      await other.stop(); // a no-op: the first owner stops the server
      expect(await count(server.url, 'SELECT 1 AS n')).toBe(1);
    } finally {
      await server.stop();
    }
  });
});
