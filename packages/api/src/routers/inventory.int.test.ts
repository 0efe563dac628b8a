import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import { appRouter } from '../router.ts';

let db: TestDatabase;
let api: ReturnType<typeof appRouter.createCaller>;
beforeAll(async () => {
  db = await createTestDatabase('inventory');
  api = appRouter.createCaller({
    prisma: db.prisma,
    actor: { kind: 'user', id: 'test-admin', name: 'test admin', role: 'admin' },
  });
});
afterAll(async () => db?.drop());

describe('inventory procedures (real PostgreSQL)', () => {
  it('adds a node, relabels it into a pool, disables it and removes it', async () => {
    const saved = await api.inventory.save({
      name: 'w-1',
      host: '10.0.0.5',
      port: 2222,
      user: 'ops',
      proxyJump: 'bastion:22,ops@hop2',
      labels: { cluster: 'prod' },
      intervalSec: 120,
    });
    expect(saved).toMatchObject({
      name: 'w-1',
      port: 2222,
      cluster: 'prod',
      pool: 'default',
      intervalSec: 120,
      enabled: true,
    });
    await api.inventory.setLabels({ name: 'w-1', labels: { cluster: 'prod', pool: 'gpu' } });
    await api.inventory.setEnabled({ name: 'w-1', enabled: false });
    const [row] = await api.inventory.list();
    expect(row).toMatchObject({ pool: 'gpu', enabled: false, proxyJump: 'bastion:22,ops@hop2' });
    await api.inventory.remove({ name: 'w-1' });
    expect(await api.inventory.list()).toEqual([]);
  });

  it.each([
    [{ name: 'bad name;rm', host: 'h' }],
    [{ name: 'ok', host: 'h; reboot' }],
    [{ name: 'ok', host: 'h', user: '$(id)' }],
    [{ name: 'ok', host: 'h', proxyJump: 'a b' }],
    [{ name: 'ok', host: 'h', port: 70000 }],
  ])('rejects input that is not a plain name, host or jump list: %j', async (input) => {
    await expect(api.inventory.save(input as never)).rejects.toThrow();
    expect(await db.prisma.node.count()).toBe(0);
  });

  it('answers NOT_FOUND for a node that does not exist', async () => {
    await expect(api.inventory.setEnabled({ name: 'ghost', enabled: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
