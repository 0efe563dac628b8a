import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGACY_PASSWORD, passwordFile } from './embedded-password.ts';
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

  it('gives a new cluster a random password kept 0600 in the data folder, and reuses it', async () => {
    const dataDir = path.join(root, 'password');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    let password: string;
    try {
      const file = passwordFile(dataDir);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      password = readFileSync(file, 'utf8').trim();
      expect(password).not.toBe(LEGACY_PASSWORD);
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(decodeURIComponent(new URL(first.url).password)).toBe(password);
      expect(await count(first.url, 'SELECT 1 AS n')).toBe(1);
      // The old fixed login no longer opens it.
      expect(await opens(port, LEGACY_PASSWORD)).toBe(false);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(decodeURIComponent(new URL(second.url).password)).toBe(password);
      expect(await count(second.url, 'SELECT 1 AS n')).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('switches a cluster made with the old fixed password to a random one and keeps its data', async () => {
    const dataDir = path.join(root, 'legacy');
    const port = await freePort();
    // A cluster as older versions left it: login nodescope/nodescope and no password file.
    const old = await startEmbeddedPostgres({ dataDir, port });
    try {
      await exec(old.url, 'CREATE TABLE kept (v int)');
      await exec(old.url, 'INSERT INTO kept VALUES (7)');
      // Last: the handle's URL carries the random password, which stops working here.
      await exec(old.url, `ALTER ROLE nodescope WITH PASSWORD '${LEGACY_PASSWORD}'`);
    } finally {
      await old.stop();
    }
    rmSync(passwordFile(dataDir));
    expect(await opensAfterStart(dataDir, port)).toBe(true);
    const kept = readFileSync(passwordFile(dataDir), 'utf8').trim();
    expect(kept).not.toBe(LEGACY_PASSWORD);
    expect(statSync(passwordFile(dataDir)).mode & 0o777).toBe(0o600);
    const again = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(decodeURIComponent(new URL(again.url).password)).toBe(kept);
      expect(await opens(port, LEGACY_PASSWORD)).toBe(false);
      expect(await count(again.url, 'SELECT v AS n FROM kept')).toBe(7);
    } finally {
      await again.stop();
    }
  });
});

async function exec(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function opens(port: number, password: string): Promise<boolean> {
  const c = new pg.Client({
    connectionString: `postgres://nodescope:${password}@127.0.0.1:${port}/postgres`,
  });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function opensAfterStart(dataDir: string, port: number): Promise<boolean> {
  const h = await startEmbeddedPostgres({ dataDir, port });
  try {
    return (await count(h.url, 'SELECT 1 AS n')) === 1;
  } finally {
    await h.stop();
  }
}
