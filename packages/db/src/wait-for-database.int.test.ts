import net from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from './free-port.ts';
import { migrate } from './migrate.ts';
import {
  DatabaseUnreachableError,
  describeDatabaseUrl,
  isTransientDbError,
  withDatabaseWait,
} from './wait-for-database.ts';

const servers: net.Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

/** A TCP relay to the real test PostgreSQL that starts listening only after `delayMs`. */
async function lateRelay(delayMs: number): Promise<string> {
  const target = new URL(inject('pgAdminUrl'));
  const port = await freePort();
  setTimeout(() => {
    const server = net.createServer((c) => {
      const up = net.connect(Number(target.port), target.hostname);
      c.pipe(up).pipe(c);
      const end = () => {
        c.destroy();
        up.destroy();
      };
      c.on('error', end);
      up.on('error', end);
    });
    server.listen(port, '127.0.0.1');
    servers.push(server);
  }, delayMs);
  const url = new URL(target.toString());
  url.port = String(port);
  return url.toString();
}

describe('waiting for DATABASE_URL at start (real PostgreSQL behind a late TCP relay)', () => {
  it('waits out a server that is not up yet, says so, then migrates', async () => {
    const url = await lateRelay(1_500);
    const lines: string[] = [];
    const t = Date.now();
    const r = await withDatabaseWait(() => migrate(url), {
      url,
      waitMs: 20_000,
      log: (l) => lines.push(l),
      initialDelayMs: 300,
    });
    expect(Array.isArray(r.applied)).toBe(true);
    expect(Date.now() - t).toBeGreaterThanOrEqual(1_400);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(/not reachable yet .*retrying in/);
    // The log names where, never who or the password.
    const u = new URL(url);
    expect(lines.join('\n')).not.toContain(decodeURIComponent(u.password));
  });

  it('gives up after the wait with a clear error naming host and port, not the password', async () => {
    const port = await freePort();
    const url = `postgres://someone:s3cret-pw@127.0.0.1:${port}/nodb`;
    const lines: string[] = [];
    const err = await withDatabaseWait(() => migrate(url), {
      url,
      waitMs: 1_500,
      log: (l) => lines.push(l),
      initialDelayMs: 200,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnreachableError);
    expect((err as Error).message).toContain(`127.0.0.1:${port}/nodb`);
    expect((err as Error).message).toMatch(/gave up after \d+ attempts/);
    expect(`${(err as Error).message}\n${lines.join('\n')}`).not.toContain('s3cret-pw');
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });

  it('fails at once on an error waiting cannot fix (wrong password)', async () => {
    const url = new URL(inject('pgAdminUrl'));
    url.password = 'definitely-wrong';
    const lines: string[] = [];
    const t = Date.now();
    const err = await withDatabaseWait(() => migrate(url.toString()), {
      url: url.toString(),
      waitMs: 30_000,
      log: (l) => lines.push(l),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(DatabaseUnreachableError);
    expect(lines).toEqual([]);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});

describe('isTransientDbError / describeDatabaseUrl', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: '57P03' }, true],
    [{ message: 'x', cause: { code: 'ETIMEDOUT' } }, true],
    [{ code: '28P01', message: 'password authentication failed' }, false],
    [{ code: '3D000', message: 'database "x" does not exist' }, false],
    [new Error('syntax error'), false],
  ])('%j -> %s', (err, want) => {
    expect(isTransientDbError(err)).toBe(want);
  });

  it.each([
    ['postgres://u:p@db.internal:6543/ns', 'db.internal:6543/ns'],
    ['postgresql://u@10.0.0.5/ns', '10.0.0.5:5432/ns'],
    ['not a url', 'the DATABASE_URL server'],
  ])('%s -> %s', (url, want) => {
    expect(describeDatabaseUrl(url)).toBe(want);
  });
});
