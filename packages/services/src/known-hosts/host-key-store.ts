import { createHash } from 'node:crypto';
import type { PrismaClient } from '@nodescope/db';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';

/**
 * Host keys the server trusts, kept in its database (never in a file named by a request).
 * A key gets here only by a decision: an admin trusting a fingerprint, or trust-on-first-use
 * that an admin enabled for that node. A changed key is never replaced automatically.
 */

export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return 'unknown-type';
  const len = blob.readUInt32BE(0);
  if (len > 64 || 4 + len > blob.length) return 'unknown-type';
  return blob.subarray(4, 4 + len).toString('latin1');
}

export function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function endpointName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The collector's view of the store: known_hosts lines for one endpoint, and a TOFU write. */
export interface DbHostKeyStore {
  label: string;
  linesFor(host: string, port: number): Promise<string[]>;
  trust(host: string, port: number, keyBlob: Buffer): Promise<void>;
}

export function dbHostKeyStore(prisma: PrismaClient, decidedBy: string): DbHostKeyStore {
  return {
    label: "the server's trusted host keys",
    async linesFor(host, port) {
      const rows = await prisma.knownHostKey.findMany({
        where: { host, port },
        select: { keyType: true, keyBlob: true },
      });
      return rows.map((r) => `${endpointName(host, port)} ${r.keyType} ${r.keyBlob}`);
    },
    async trust(host, port, keyBlob) {
      await trustHostKey(
        prisma,
        { kind: 'system', id: decidedBy, name: decidedBy, role: 'admin' },
        host,
        port,
        keyBlob,
        decidedBy,
      );
    },
  };
}

export async function trustHostKey(
  prisma: PrismaClient,
  actor: Actor,
  host: string,
  port: number,
  keyBlob: Buffer,
  trustedBy: string = actor.name,
): Promise<{ fingerprint: string; keyType: string }> {
  const keyType = keyTypeOfBlob(keyBlob);
  const fingerprint = fingerprintOfBlob(keyBlob);
  const b64 = keyBlob.toString('base64');
  await prisma.knownHostKey.upsert({
    where: { host_port_keyBlob: { host, port, keyBlob: b64 } },
    create: { host, port, keyType, keyBlob: b64, fingerprint, trustedBy },
    update: {},
  });
  await recordAudit(prisma, actor, 'hostkey.trust', endpointName(host, port), {
    keyType,
    fingerprint,
    trustedBy,
  });
  return { fingerprint, keyType };
}

export interface HostKeyRow {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  trustedBy: string;
  createdAt: Date;
}

export async function listHostKeys(prisma: PrismaClient): Promise<HostKeyRow[]> {
  return prisma.knownHostKey.findMany({
    orderBy: [{ host: 'asc' }, { port: 'asc' }],
    select: { host: true, port: true, keyType: true, fingerprint: true, trustedBy: true, createdAt: true },
  });
}

/** Forgets trusted keys of an endpoint (e.g. a reinstalled node); the next collection is refused until trusted again. */
export async function forgetHostKeys(
  prisma: PrismaClient,
  actor: Actor,
  host: string,
  port: number,
): Promise<number> {
  const r = await prisma.knownHostKey.deleteMany({ where: { host, port } });
  if (r.count)
    await recordAudit(prisma, actor, 'hostkey.forget', endpointName(host, port), { count: r.count });
  return r.count;
}
