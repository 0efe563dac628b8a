import type { PrismaClient } from '@nodescope/db';
import { normaliseEmail } from '../accounts/users.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { verifyPassword } from './password.ts';
import { FailureLimiter } from './rate-limit.ts';
import { createSession, type NewSession } from './sessions.ts';

// 5 failures per address and account in 15 minutes, 30 per address: slows guessing to a crawl
// while a typo or two never locks anyone out for long.
const perAccount = new FailureLimiter(5, 15 * 60_000);
const perIp = new FailureLimiter(30, 15 * 60_000);

export type SignInResult =
  | { ok: true; session: NewSession; userId: string }
  | { ok: false; reason: 'invalid' | 'rate-limited'; retryAfterSec?: number };

export async function signInWithPassword(
  prisma: PrismaClient,
  input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  const accountKey = `${input.ip}|${email}`;
  const wait = Math.max(perAccount.retryAfterMs(accountKey), perIp.retryAfterMs(input.ip));
  if (wait > 0) {
    await recordAudit(prisma, null, 'user.signin.limited', email, { ip: input.ip });
    return { ok: false, reason: 'rate-limited', retryAfterSec: Math.ceil(wait / 1000) };
  }
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, passwordHash: true, disabled: true },
  });
  const good = await verifyPassword(input.password.slice(0, 1024), user?.passwordHash ?? null);
  if (!user || !good || user.disabled) {
    perAccount.fail(accountKey);
    perIp.fail(input.ip);
    await recordAudit(prisma, null, 'user.signin.failed', email, {
      ip: input.ip,
      why: !user ? 'unknown account' : user.disabled ? 'disabled' : 'wrong password',
    });
    return { ok: false, reason: 'invalid' };
  }
  perAccount.clear(accountKey);
  return {
    ok: true,
    session: await startSession(prisma, user.id, { ip: input.ip, method: 'password' }),
    userId: user.id,
  };
}

/** A fresh session (never a reused one: a token planted before sign-in is worthless after it). */
export async function startSession(
  prisma: PrismaClient,
  userId: string,
  details: { ip: string; method: string },
): Promise<NewSession> {
  const user = await prisma.user.update({
    where: { id: userId },
    data: { lastSignInAt: new Date() },
    select: { id: true, name: true, email: true },
  });
  const session = await createSession(prisma, userId);
  await recordAudit(
    prisma,
    { kind: 'user', id: user.id, name: user.name || user.email },
    'user.signin',
    user.email,
    details,
  );
  return session;
}
