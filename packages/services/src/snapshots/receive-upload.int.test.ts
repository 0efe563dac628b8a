import { serializeBundle } from '@nodescope/core';
import { upsertNodes } from '@nodescope/db';
import { bundleFor } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import type { Actor } from '../actor.ts';
import { receiveUpload } from './receive-upload.ts';

let db: TestDatabase;
const actor: Actor = { kind: 'user', id: 'u-1', name: 'responder@example.org', role: 'responder' };
const bytes = (name: string, minutesAgo: number) =>
  new TextEncoder().encode(
    serializeBundle(
      bundleFor('healthy', { name, at: new Date(Date.now() - minutesAgo * 60_000), scale: 0.05 }),
    ),
  );

beforeAll(async () => {
  db = await createTestDatabase('receive_upload');
  await upsertNodes(db.prisma, [{ name: 'ssh-1', host: '10.0.0.1', labels: { cluster: 'c', pool: 'p' } }]);
});
afterAll(async () => db?.drop());

describe('receiveUpload', () => {
  it.each([
    [
      'kept apart from an SSH node',
      'ssh-1',
      false,
      { attach: false, keptApartFrom: 'ssh-1' },
      'ssh-1~upload',
    ],
    ['attached to an SSH node', 'ssh-1', true, { attach: true }, 'ssh-1'],
    ['for an unknown node', 'far-1', false, { attach: false }, 'far-1'],
  ] as const)('audits an upload %s', async (_case, name, attach, details, target) => {
    const result = await receiveUpload(db.prisma, actor, bytes(name, attach ? 2 : 5), { attach });
    expect(result.node).toBe(target);
    const events = await db.prisma.auditEvent.findMany({ where: { action: 'snapshot.upload', target } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: 'u-1',
      details: { snapshotId: result.snapshotId, ...details },
    });
    expect(Object.keys(events[0]!.details as object).sort()).toEqual(
      ['snapshotId', ...Object.keys(details)].sort(),
    );
  });
});
