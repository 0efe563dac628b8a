import type { PrismaClient } from '@nodescope/db';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { fingerprintOfBlob, keyTypeOfBlob, trustHostKey } from './host-key-store.ts';

export interface TrustOfferedKeyInput {
  node: string;
  /** The node's name typed again by the admin: a changed key is never trusted by one click. */
  confirmName: string;
  /** The fingerprint the admin was shown (and checked on the node); must be the one on record. */
  fingerprint: string;
}

export type TrustOfferedKeyResult =
  | { ok: true; fingerprint: string; keyType: string }
  | { ok: false; reason: 'no-node' | 'nothing-offered' | 'name-mismatch' | 'fingerprint-mismatch' };

/**
 * An admin's decision to trust the key a node offered when it was refused as changed (the node
 * was reinstalled, its keys rotated). The key trusted is the one the collector recorded at the
 * refusal, and only if it is still the one whose fingerprint the admin reviewed; the decision
 * is audited with both fingerprints and the node is collected again right away.
 */
export async function trustOfferedHostKey(
  prisma: PrismaClient,
  actor: Actor,
  input: TrustOfferedKeyInput,
): Promise<TrustOfferedKeyResult> {
  const node = await prisma.node.findUnique({
    where: { name: input.node },
    select: { id: true, name: true, host: true, port: true, lastError: true, offeredHostKey: true },
  });
  if (!node) return { ok: false, reason: 'no-node' };
  if (input.confirmName.trim() !== node.name) return { ok: false, reason: 'name-mismatch' };
  if (!node.offeredHostKey) return { ok: false, reason: 'nothing-offered' };
  const blob = Buffer.from(node.offeredHostKey, 'base64');
  const fingerprint = fingerprintOfBlob(blob);
  if (input.fingerprint.trim() !== fingerprint) return { ok: false, reason: 'fingerprint-mismatch' };

  const trusted = await trustHostKey(prisma, actor, node.host, node.port, blob);
  await recordAudit(prisma, actor, 'hostkey.trust-changed', node.name, {
    endpoint: `${node.host}:${node.port}`,
    newFingerprint: fingerprint,
    keyType: keyTypeOfBlob(blob),
    // The refusal named the fingerprints that were expected; kept with the decision.
    refusal: node.lastError?.slice(0, 1000) ?? null,
  });
  await prisma.node.update({
    where: { id: node.id },
    data: { offeredHostKey: null, offeredHostKeyAt: null, nextDueAt: new Date(), failureCount: 0 },
  });
  return { ok: true, ...trusted };
}

/** The key a node offered at its last refusal, as the review shows it; null when none is on record. */
export async function offeredHostKey(
  prisma: PrismaClient,
  name: string,
): Promise<{ fingerprint: string; keyType: string; at: Date } | null> {
  const node = await prisma.node.findUnique({
    where: { name },
    select: { offeredHostKey: true, offeredHostKeyAt: true },
  });
  if (!node?.offeredHostKey || !node.offeredHostKeyAt) return null;
  const blob = Buffer.from(node.offeredHostKey, 'base64');
  return { fingerprint: fingerprintOfBlob(blob), keyType: keyTypeOfBlob(blob), at: node.offeredHostKeyAt };
}
