import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '@nodescope/db';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword } from '../auth/password.ts';
import { normaliseEmail } from './users.ts';
import { env } from '@nodescope/config';

export const DEMO_ADMIN_EMAIL = 'admin@demo.nodescope';
const SYSTEM = { kind: 'system' as const, id: 'startup', name: 'start-up' };

export type FirstAdmin =
  | { kind: 'exists' }
  | { kind: 'from-env'; email: string }
  | { kind: 'demo'; email: string; password: string }
  | { kind: 'setup-link'; token: string };

/**
 * At start-up, when nobody can sign in yet: NODESCOPE_ADMIN_EMAIL / NODESCOPE_ADMIN_PASSWORD
 * create the first admin; in demo mode a demo admin with a random password (printed once on the
 * console); otherwise a one-time setup link (printed on the console, valid 24 h).
 */
export async function ensureFirstAdmin(prisma: PrismaClient, opts: { demo: boolean }): Promise<FirstAdmin> {
  const envEmail = env('NODESCOPE_ADMIN_EMAIL');
  const envPassword = env('NODESCOPE_ADMIN_PASSWORD');
  if (envEmail && envPassword) {
    const email = normaliseEmail(envEmail);
    if (!(await prisma.user.findUnique({ where: { email }, select: { id: true } }))) {
      await prisma.user.create({
        data: {
          id: randomUUID(),
          email,
          name: email.split('@')[0] ?? email,
          role: 'admin',
          passwordHash: await hashPassword(envPassword),
        },
      });
      await recordAudit(prisma, SYSTEM, 'user.add', email, { role: 'admin', from: 'NODESCOPE_ADMIN_EMAIL' });
      return { kind: 'from-env', email };
    }
  }
  if (opts.demo) {
    // The demo admin's password is new on every start and shown once: nothing fixed to guess.
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    await prisma.user.upsert({
      where: { email: DEMO_ADMIN_EMAIL },
      create: { id: randomUUID(), email: DEMO_ADMIN_EMAIL, name: 'demo admin', role: 'admin', passwordHash },
      update: { passwordHash, role: 'admin', disabled: false },
    });
    await recordAudit(prisma, SYSTEM, 'user.demo-admin', DEMO_ADMIN_EMAIL, { role: 'admin' });
    return { kind: 'demo', email: DEMO_ADMIN_EMAIL, password };
  }
  if ((await prisma.user.count({ where: { role: 'admin', disabled: false } })) > 0) return { kind: 'exists' };
  const token = randomBytes(32).toString('base64url');
  await prisma.signInLink.create({
    data: {
      tokenHash: createHash('sha256').update(token).digest('hex'),
      purpose: 'setup',
      expiresAt: new Date(Date.now() + 24 * 3600_000),
    },
  });
  return { kind: 'setup-link', token };
}

/** Whether the demo admin exists (the sign-in page says so and where its password is). */
export async function demoAdminExists(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count({ where: { email: DEMO_ADMIN_EMAIL, disabled: false } })) > 0;
}

/** Uses a one-time setup link: creates the first admin. False when the link is unknown, used or expired. */
export async function completeSetup(
  prisma: PrismaClient,
  token: string,
  input: { email: string; password: string },
): Promise<string | null> {
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const link = await prisma.signInLink.findUnique({ where: { tokenHash } });
  if (link?.purpose !== 'setup' || link.usedAt || link.expiresAt.getTime() < Date.now()) return null;
  const claimed = await prisma.signInLink.updateMany({
    where: { tokenHash, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) return null;
  const email = normaliseEmail(input.email);
  const user = await prisma.user.create({
    data: {
      id: randomUUID(),
      email,
      name: email.split('@')[0] ?? email,
      role: 'admin',
      passwordHash: await hashPassword(input.password),
    },
  });
  await recordAudit(prisma, SYSTEM, 'user.add', email, { role: 'admin', from: 'setup link' });
  return user.id;
}

/**
 * Whether sign-in is already set up without the environment's help: an enabled admin other than
 * the demo one, with a password or single sign-on. A server with such an account may listen on a
 * network address (see config/public-bind.ts) without NODESCOPE_ALLOW_PUBLIC.
 */
export async function hasConfiguredAdmin(prisma: PrismaClient): Promise<boolean> {
  const admin = await prisma.user.findFirst({
    where: { role: 'admin', disabled: false, email: { not: DEMO_ADMIN_EMAIL } },
    select: { id: true },
  });
  return admin !== null;
}
