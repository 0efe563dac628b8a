import { generateKeyPairSync } from 'node:crypto';
import { upsertNodes } from '@nodescope/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import type { Actor } from '../actor.ts';
import { fingerprintOfBlob } from './host-key-store.ts';
import { offeredHostKey, trustOfferedHostKey } from './trust-offered-key.ts';

let db: TestDatabase;
const admin: Actor = { kind: 'user', id: 'u-admin', name: 'alice', role: 'admin' };

/** An ed25519 public key as an SSH key blob: string "ssh-ed25519", string key. */
function ed25519Blob(): Buffer {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return Buffer.concat([str(Buffer.from('ssh-ed25519')), str(raw)]);
}

const offered = ed25519Blob();
const fingerprint = fingerprintOfBlob(offered);

beforeAll(async () => {
  db = await createTestDatabase('trust_offered');
  await upsertNodes(db.prisma, [
    { name: 'reinstalled-01', host: '10.0.0.9', port: 2222 },
    { name: 'quiet-01', host: '10.0.0.10' },
  ]);
  await db.prisma.node.update({
    where: { name: 'reinstalled-01' },
    data: {
      lastState: 'host-key-changed',
      lastError: 'SECURITY: host key for [10.0.0.9]:2222 has CHANGED: … expects ssh-ed25519 SHA256:old',
      offeredHostKey: offered.toString('base64'),
      offeredHostKeyAt: new Date('2026-12-03T00:00:00Z'),
      failureCount: 3,
    },
  });
});
afterAll(async () => db?.drop());

describe('trusting the key a node offered when it was refused as changed (real PostgreSQL)', () => {
  it('shows the offered key for review', async () => {
    expect(await offeredHostKey(db.prisma, 'reinstalled-01')).toMatchObject({
      fingerprint,
      keyType: 'ssh-ed25519',
    });
    expect(await offeredHostKey(db.prisma, 'quiet-01')).toBeNull();
  });

  it.each([
    [{ node: 'nope', confirmName: 'nope', fingerprint }, 'no-node'],
    [{ node: 'reinstalled-01', confirmName: 'reinstalled-02', fingerprint }, 'name-mismatch'],
    [
      { node: 'reinstalled-01', confirmName: 'reinstalled-01', fingerprint: 'SHA256:other' },
      'fingerprint-mismatch',
    ],
    [{ node: 'quiet-01', confirmName: 'quiet-01', fingerprint }, 'nothing-offered'],
  ])('refuses %j: %s, trusting nothing', async (input, reason) => {
    expect(await trustOfferedHostKey(db.prisma, admin, input)).toEqual({ ok: false, reason });
    expect(await db.prisma.knownHostKey.count()).toBe(0);
  });

  it('trusts the recorded key for the endpoint, audits both sides and collects the node now', async () => {
    const before = Date.now();
    const r = await trustOfferedHostKey(db.prisma, admin, {
      node: 'reinstalled-01',
      confirmName: ' reinstalled-01 ',
      fingerprint,
    });
    expect(r).toEqual({ ok: true, fingerprint, keyType: 'ssh-ed25519' });
    const keys = await db.prisma.knownHostKey.findMany();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      host: '10.0.0.9',
      port: 2222,
      fingerprint,
      keyBlob: offered.toString('base64'),
    });
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'reinstalled-01' } });
    expect(node.offeredHostKey).toBeNull();
    expect(node.failureCount).toBe(0);
    expect(node.nextDueAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const audit = await db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
    const acts = audit.map((a) => a.action);
    expect(acts).toEqual(expect.arrayContaining(['hostkey.trust', 'hostkey.trust-changed']));
    const changed = audit.find((a) => a.action === 'hostkey.trust-changed');
    expect(JSON.stringify(changed?.details)).toContain(fingerprint);
    expect(JSON.stringify(changed?.details)).toContain('SHA256:old');
    // A second attempt finds nothing left to trust.
    expect(
      await trustOfferedHostKey(db.prisma, admin, {
        node: 'reinstalled-01',
        confirmName: 'reinstalled-01',
        fingerprint,
      }),
    ).toEqual({ ok: false, reason: 'nothing-offered' });
  });
});
