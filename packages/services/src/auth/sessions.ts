import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '@nodescope/db';
import { type Actor, ROLES, type Role } from '../actor.ts';
import { env } from '@nodescope/config';

/**
 * Sessions: a random 32-byte token in an HttpOnly cookie; the database keeps only its SHA-256,
 * so a leaked database does not sign anyone in. Each session has its own CSRF token
 * (double-submit: a readable cookie the page echoes in a header on every mutation).
 */

export const SESSION_COOKIE = 'ns_session';
export const CSRF_COOKIE = 'ns_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function sessionTtlMs(): number {
  const hours = env('NODESCOPE_SESSION_HOURS');
  return (Number.isFinite(hours) && hours > 0 ? hours : 12) * 3600_000;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(prisma: PrismaClient, userId: string): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionTtlMs());
  await prisma.session.create({
    data: { id: randomUUID(), tokenHash: hashToken(token), userId, csrfToken, expiresAt },
  });
  // Expired sessions are swept now and then, not by a timer.
  if (Math.random() < 0.05) await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return { token, csrfToken, expiresAt };
}

export interface SessionView {
  actor: Actor;
  email: string;
  csrfToken: string;
  expiresAt: Date;
}

function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

/** The signed-in user of a session token, or null (unknown, expired, or the account is disabled). */
export async function lookupSession(
  prisma: PrismaClient,
  token: string | undefined | null,
): Promise<SessionView | null> {
  if (!token || token.length > 200) return null;
  const row = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      csrfToken: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabled: true } },
    },
  });
  if (!row || row.expiresAt.getTime() <= Date.now() || row.user.disabled || !isRole(row.user.role))
    return null;
  // Sliding expiry, written at most once a minute per session.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await prisma.session.update({
      where: { id: row.id },
      data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + sessionTtlMs()) },
    });
  }
  return {
    actor: { kind: 'user', id: row.user.id, name: row.user.name || row.user.email, role: row.user.role },
    email: row.user.email,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

export async function endSession(prisma: PrismaClient, token: string | undefined | null): Promise<void> {
  if (!token) return;
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** After a role change, a disable or a new password: every session of the user ends. */
export async function endUserSessions(prisma: PrismaClient, userId: string): Promise<number> {
  return (await prisma.session.deleteMany({ where: { userId } })).count;
}
