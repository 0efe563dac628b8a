import { createHash } from 'node:crypto';
import type { PrismaClient } from '@nodescope/db';
import ssh2 from 'ssh2';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { open, seal } from './secret-box.ts';
import { loadKeyring } from './secret-keyring.ts';

// ssh2 is CommonJS: take `utils` from the default export (works under Node ESM and bundlers).
const { utils } = ssh2;
const PURPOSE = 'ssh-key';

export class SshKeyError extends Error {
  override name = 'SshKeyError';
}

/** What leaves the server about a key: never the key itself. */
export interface SshKeyInfo {
  name: string;
  keyType: string;
  fingerprint: string;
  publicKey: string;
  nodes: number;
  createdAt: Date;
}

function fingerprintOf(publicBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`;
}

/** Parses an uploaded private key; the message never echoes the key text. */
export function inspectPrivateKey(text: string, passphrase?: string) {
  const parsed = utils.parseKey(Buffer.from(text), passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) {
    const msg = key instanceof Error ? key.message : 'no key found';
    if (/passphrase|encrypt/i.test(msg))
      throw new SshKeyError('This key is encrypted: give its passphrase (or the passphrase is wrong).');
    throw new SshKeyError('This is not a private key ssh can use (OpenSSH, PEM RSA/ECDSA or ed25519).');
  }
  if (!key.isPrivateKey()) throw new SshKeyError('This is a public key: upload the private key.');
  const blob = key.getPublicSSH();
  return {
    keyType: key.type,
    fingerprint: fingerprintOf(blob),
    publicKey: `${key.type} ${blob.toString('base64')}`,
  };
}

export async function addSshKey(
  prisma: PrismaClient,
  actor: Actor,
  input: { name: string; privateKey: string; passphrase?: string | undefined },
): Promise<SshKeyInfo> {
  const info = inspectPrivateKey(input.privateKey, input.passphrase);
  const secret = JSON.stringify({ privateKey: input.privateKey, passphrase: input.passphrase ?? null });
  const sealed = seal(secret, PURPOSE);
  const exists = await prisma.sshKey.findUnique({ where: { name: input.name }, select: { id: true } });
  if (exists) throw new SshKeyError(`A key named ${input.name} exists already: remove it first.`);
  const row = await prisma.sshKey.create({
    data: {
      name: input.name,
      ...info,
      ciphertext: sealed.envelope,
      secretKeyId: sealed.keyId,
      createdBy: actor.name,
    },
  });
  await recordAudit(prisma, actor, 'sshkey.add', input.name, {
    keyType: info.keyType,
    fingerprint: info.fingerprint,
  });
  return {
    name: row.name,
    keyType: row.keyType,
    fingerprint: row.fingerprint,
    publicKey: row.publicKey,
    nodes: 0,
    createdAt: row.createdAt,
  };
}

export async function listSshKeys(prisma: PrismaClient): Promise<SshKeyInfo[]> {
  const rows = await prisma.sshKey.findMany({
    orderBy: { name: 'asc' },
    select: {
      name: true,
      keyType: true,
      fingerprint: true,
      publicKey: true,
      createdAt: true,
      _count: { select: { nodes: true } },
    },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, nodes: _count.nodes }));
}

export async function removeSshKey(prisma: PrismaClient, actor: Actor, name: string): Promise<boolean> {
  const r = await prisma.sshKey.deleteMany({ where: { name } });
  if (r.count) await recordAudit(prisma, actor, 'sshkey.remove', name);
  return r.count > 0;
}

/** Server-side only (the collector): the decrypted key for one connection. Never log it. */
export async function openSshKey(
  prisma: PrismaClient,
  id: number,
): Promise<{ privateKey: Buffer; passphrase?: string } | null> {
  const row = await prisma.sshKey.findUnique({ where: { id }, select: { ciphertext: true } });
  if (!row) return null;
  const plain = JSON.parse(open(row.ciphertext, PURPOSE).toString('utf8')) as {
    privateKey: string;
    passphrase: string | null;
  };
  return {
    privateKey: Buffer.from(plain.privateKey),
    ...(plain.passphrase ? { passphrase: plain.passphrase } : {}),
  };
}

/** Re-seals every stored secret with the current key (after adding a new key). Returns how many changed. */
export async function resealSecrets(prisma: PrismaClient): Promise<number> {
  const keyring = loadKeyring();
  const rows = await prisma.sshKey.findMany({ select: { id: true, ciphertext: true, secretKeyId: true } });
  let changed = 0;
  for (const row of rows) {
    if (row.secretKeyId === keyring.current.id) continue;
    const sealed = seal(open(row.ciphertext, PURPOSE, keyring), PURPOSE, keyring);
    await prisma.sshKey.update({
      where: { id: row.id },
      data: { ciphertext: sealed.envelope, secretKeyId: sealed.keyId },
    });
    changed++;
  }
  return changed;
}
