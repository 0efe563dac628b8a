import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../packages/db/test/test-database.ts';
import { start } from './start-server.test-support.ts';

// Outside the demo, the database decides: an admin created earlier (in the UI, by the CLI, by a
// previous NODESCOPE_ADMIN_EMAIL) means sign-in is set up, so a network address is allowed.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('public_bind');
});
afterAll(async () => db?.drop());

describe('server start on a LAN address, accounts from the database', () => {
  it('no admin in the database: exit 2 with the refusal, nothing left running', () => {
    const r = start({ NODESCOPE_HOST: '10.9.8.7', NODESCOPE_DEMO: '0', DATABASE_URL: db.url });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Refusing to listen on 10\.9\.8\.7.*no first admin is configured/);
    expect(r.stderr).toContain('NODESCOPE_ALLOW_PUBLIC=1');
  });

  it('a disabled admin or only the demo admin does not count', async () => {
    await db.prisma.user.createMany({
      data: [
        { id: 'demo', email: 'admin@demo.nodescope', name: 'demo', role: 'admin' },
        { id: 'gone', email: 'gone@example.com', name: 'gone', role: 'admin', disabled: true },
        { id: 'view', email: 'viewer@example.com', name: 'viewer', role: 'viewer' },
      ],
    });
    const r = start({ NODESCOPE_HOST: '10.9.8.7', NODESCOPE_DEMO: '0', DATABASE_URL: db.url });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Refusing to listen/);
  });

  it('an enabled admin in the database: the check passes and start-up goes on (to fail later on the unusable data folder)', async () => {
    await db.prisma.user.create({
      data: { id: 'ops', email: 'ops@example.com', name: 'ops', role: 'admin', passwordHash: 'x' },
    });
    const r = start({ NODESCOPE_HOST: '10.9.8.7', NODESCOPE_DEMO: '0', DATABASE_URL: db.url });
    expect(r.stderr).not.toMatch(/Refusing to listen/);
    expect(r.stdout + r.stderr).toMatch(/sign-in is set up \(an admin account exists in the database\)/);
    expect(r.stderr).toMatch(/failed to start: The data folder .* is not writable/);
  });
});
