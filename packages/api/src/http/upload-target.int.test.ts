import { serializeBundle } from '@nodescope/core';
import { storeSnapshot, upsertNodes } from '@nodescope/db';
import { bundleFor } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import { UploadError, uploadBundle } from '@nodescope/services/snapshots/upload-bundle';

// An upload can be written by anyone with the responder role and only names its node: it must
// not become an SSH-collected node's latest snapshot unless the uploader attaches it explicitly.

let db: TestDatabase;
let sshSnapshotId: bigint;
const HOUR = 3600_000;

function bundle(name: string, at: Date): Uint8Array {
  return new TextEncoder().encode(serializeBundle(bundleFor('healthy', { name, at, scale: 0.05 })));
}

beforeAll(async () => {
  db = await createTestDatabase('upload_target');
  await upsertNodes(db.prisma, [
    { name: 'prod-7', host: '10.0.0.7', labels: { cluster: 'c1', pool: 'web' } },
  ]);
  const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'prod-7' } });
  sshSnapshotId = await storeSnapshot(db.prisma, {
    nodeId: node.id,
    takenAt: new Date(Date.now() - 2 * HOUR),
    status: 'complete',
    durationMs: 10,
    source: 'ssh',
    artifacts: [],
    findings: [],
    metrics: { threads: 100 },
  });
});
afterAll(async () => db?.drop());

describe('upload target selection', () => {
  it('a newer bundle naming an SSH-collected node is kept apart from it', async () => {
    const r = await uploadBundle(db.prisma, bundle('prod-7', new Date(Date.now() - 60_000)));
    expect(r).toMatchObject({ node: 'prod-7~upload', keptApartFrom: 'prod-7', nodeCreated: true });
    const real = await db.prisma.node.findUniqueOrThrow({ where: { name: 'prod-7' } });
    expect(real.lastSnapshotId).toBe(sshSnapshotId);
    const apart = await db.prisma.node.findUniqueOrThrow({ where: { name: 'prod-7~upload' } });
    expect(apart).toMatchObject({ enabled: false, cluster: 'c1', pool: 'web' });
    const snap = await db.prisma.snapshot.findUniqueOrThrow({ where: { id: BigInt(r.snapshotId) } });
    expect(snap).toMatchObject({ source: 'upload', nodeId: apart.id });
  });

  it('an explicit attach makes it the node’s latest snapshot', async () => {
    const r = await uploadBundle(db.prisma, bundle('prod-7', new Date(Date.now() - 30_000)), {
      attach: true,
    });
    expect(r.node).toBe('prod-7');
    expect(r.keptApartFrom).toBeUndefined();
    const real = await db.prisma.node.findUniqueOrThrow({ where: { name: 'prod-7' } });
    expect(String(real.lastSnapshotId)).toBe(r.snapshotId);
  });

  it('a bundle for an unknown node creates an upload-only node', async () => {
    const r = await uploadBundle(db.prisma, bundle('far-away-1', new Date(Date.now() - HOUR)));
    expect(r).toMatchObject({ node: 'far-away-1', nodeCreated: true });
    expect(r.keptApartFrom).toBeUndefined();
  });

  it.each([
    ['a #taken-at in the future', bundle('prod-7', new Date(Date.now() + 2 * HOUR)), /in the future/],
    [
      'a blank node name',
      new TextEncoder().encode(serializeBundle(bundleFor('healthy', { name: ' ', scale: 0.05 }))),
      /does not name its node/,
    ],
    [
      'a 1 MB node name',
      new TextEncoder().encode(
        serializeBundle(bundleFor('healthy', { name: 'n'.repeat(1 << 20), scale: 0.05 })),
      ),
      /#node line is refused: a node name has at most 253 characters \(got 1048576\)/,
    ],
  ])('refuses %s with a 400', async (_what, bytes, message) => {
    const before = await db.prisma.snapshot.count();
    const err = await uploadBundle(db.prisma, bytes, { attach: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).status).toBe(400);
    expect((err as UploadError).message).toMatch(message);
    expect(await db.prisma.snapshot.count()).toBe(before);
  });
});
