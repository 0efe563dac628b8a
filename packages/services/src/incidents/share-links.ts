import type { PrismaClient } from '@nodescope/db';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../actor.ts';
import { getIncident, type IncidentView } from './get-incident.ts';
import { recordEvent } from './record-event.ts';
import { shareSecret } from './share-secret.ts';
import { hashShareToken, mintShareToken, verifyShareToken } from './share-token.ts';

export const SHARE_MAX_DAYS = 90;

export interface ShareLinkRow {
  id: number;
  label: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  state: 'active' | 'expired' | 'revoked';
}

/** Share links are the one way in without an account: every create and revoke is audited. */
async function auditShareLink(
  prisma: PrismaClient,
  actor: Actor,
  action: 'share-link.create' | 'share-link.revoke',
  target: { incidentSlug: string; linkId: number },
): Promise<void> {
  await recordAudit(prisma, actor, action, target.incidentSlug, { linkId: target.linkId });
}

/** A new read-only link; the token is returned once and only its hash is stored. */
export async function createShareLink(
  prisma: PrismaClient,
  actor: Actor,
  input: { slug: string; days: number; label?: string },
): Promise<{ id: number; token: string; expiresAt: Date } | null> {
  const inc = await prisma.incident.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (!inc) return null;
  const days = Math.min(Math.max(input.days, 1 / 24), SHARE_MAX_DAYS);
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const token = mintShareToken(shareSecret(), { incidentId: inc.id, expiresAt });
  const link = await prisma.$transaction(async (tx) => {
    const row = await tx.incidentShareLink.create({
      data: {
        incidentId: inc.id,
        tokenHash: hashShareToken(token),
        label: (input.label ?? '').slice(0, 120),
        expiresAt,
        createdBy: actor.name,
      },
    });
    await recordEvent(tx, inc.id, actor, {
      kind: 'share-created',
      text: `Read-only share link created, expires ${expiresAt.toISOString()}${row.label ? ` (${row.label})` : ''}`,
      data: { linkId: row.id },
    });
    return row;
  });
  await auditShareLink(prisma, actor, 'share-link.create', { incidentSlug: input.slug, linkId: link.id });
  return { id: link.id, token, expiresAt };
}

export async function revokeShareLink(
  prisma: PrismaClient,
  actor: Actor,
  slug: string,
  linkId: number,
): Promise<boolean> {
  const link = await prisma.incidentShareLink.findFirst({ where: { id: linkId, incident: { slug } } });
  if (!link) return false;
  if (!link.revokedAt) {
    await prisma.$transaction(async (tx) => {
      await tx.incidentShareLink.update({ where: { id: link.id }, data: { revokedAt: new Date() } });
      await recordEvent(tx, link.incidentId, actor, {
        kind: 'share-revoked',
        text: `Share link ${link.label ? `"${link.label}" ` : ''}revoked`,
        data: { linkId: link.id },
      });
    });
    await auditShareLink(prisma, actor, 'share-link.revoke', { incidentSlug: slug, linkId: link.id });
  }
  return true;
}

export async function listShareLinks(prisma: PrismaClient, slug: string): Promise<ShareLinkRow[]> {
  const now = Date.now();
  const rows = await prisma.incidentShareLink.findMany({
    where: { incident: { slug } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    lastUsedAt: r.lastUsedAt,
    state: r.revokedAt ? 'revoked' : r.expiresAt.getTime() <= now ? 'expired' : 'active',
  }));
}

/**
 * The one way in without an account: a valid, unexpired, unrevoked token opens its one
 * incident read-only. Every failure looks the same to the caller (null).
 */
export async function incidentByShareToken(
  prisma: PrismaClient,
  token: string,
): Promise<{ incident: IncidentView; expiresAt: Date } | null> {
  const claims = verifyShareToken(shareSecret(), token);
  if (!claims || claims.expiresAt.getTime() <= Date.now()) return null;
  const link = await prisma.incidentShareLink.findUnique({
    where: { tokenHash: hashShareToken(token) },
    include: { incident: { select: { slug: true } } },
  });
  if (
    !link ||
    link.revokedAt ||
    link.incidentId !== claims.incidentId ||
    link.expiresAt.getTime() <= Date.now()
  ) {
    return null;
  }
  const incident = await getIncident(prisma, link.incident.slug);
  if (!incident) return null;
  await prisma.incidentShareLink.update({ where: { id: link.id }, data: { lastUsedAt: new Date() } });
  return { incident, expiresAt: link.expiresAt };
}
