import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@nodescope/db';
import { type Actor, ROLES, type Role } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.ts';
import { endUserSessions } from '../auth/sessions.ts';

export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    message: string,
    readonly code: 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' = 'BAD_REQUEST',
  ) {
    super(message);
  }
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  sso: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
}

const SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  oidcSubject: true,
  lastSignInAt: true,
  createdAt: true,
} as const;

function toRow(u: { oidcSubject: string | null; role: string } & Omit<UserRow, 'sso' | 'role'>): UserRow {
  const { oidcSubject, ...rest } = u;
  return {
    ...rest,
    role: (ROLES as readonly string[]).includes(u.role) ? (u.role as Role) : 'viewer',
    sso: oidcSubject !== null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AccountError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
}

export async function listUsers(prisma: PrismaClient): Promise<UserRow[]> {
  return (await prisma.user.findMany({ select: SELECT, orderBy: { email: 'asc' } })).map(toRow);
}

export async function addUser(
  prisma: PrismaClient,
  actor: Actor,
  input: {
    email: string;
    name?: string | undefined;
    role: Role;
    password?: string | undefined;
    oidcSubject?: string;
  },
): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  if (input.password !== undefined) checkPassword(input.password);
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } }))
    throw new AccountError(`A user ${email} exists already.`, 'CONFLICT');
  const row = await prisma.user.create({
    data: {
      id: randomUUID(),
      email,
      name: input.name?.trim() || email.split('@')[0] || email,
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      oidcSubject: input.oidcSubject ?? null,
    },
    select: SELECT,
  });
  await recordAudit(prisma, actor, 'user.add', email, { role: input.role });
  return toRow(row);
}

async function lastAdminGuard(prisma: PrismaClient, id: string): Promise<void> {
  const admins = await prisma.user.count({ where: { role: 'admin', disabled: false, id: { not: id } } });
  if (admins === 0) throw new AccountError('This is the last active admin: add another admin first.');
}

export async function updateUser(
  prisma: PrismaClient,
  actor: Actor,
  email: string,
  change: {
    role?: Role | undefined;
    disabled?: boolean | undefined;
    password?: string | undefined;
    name?: string | undefined;
  },
): Promise<UserRow> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: SELECT });
  if (!user) throw new AccountError(`No user ${email}.`, 'NOT_FOUND');
  if ((change.role && change.role !== 'admin') || change.disabled) {
    if (user.role === 'admin') await lastAdminGuard(prisma, user.id);
  }
  if (change.password !== undefined) checkPassword(change.password);
  const row = await prisma.user.update({
    where: { id: user.id },
    data: {
      ...(change.role ? { role: change.role } : {}),
      ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
      ...(change.name ? { name: change.name.trim() } : {}),
      ...(change.password ? { passwordHash: await hashPassword(change.password) } : {}),
    },
    select: SELECT,
  });
  // A changed role, a disabled account or a new password takes effect at once: sessions end.
  if (change.role || change.disabled || change.password) await endUserSessions(prisma, user.id);
  await recordAudit(prisma, actor, 'user.update', user.email, {
    ...(change.role ? { role: `${user.role} -> ${change.role}` } : {}),
    ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
    ...(change.password ? { passwordChanged: true } : {}),
  });
  return toRow(row);
}

export async function removeUser(prisma: PrismaClient, actor: Actor, email: string): Promise<void> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: SELECT });
  if (!user) throw new AccountError(`No user ${email}.`, 'NOT_FOUND');
  if (user.role === 'admin') await lastAdminGuard(prisma, user.id);
  await prisma.user.delete({ where: { id: user.id } });
  await recordAudit(prisma, actor, 'user.remove', user.email);
}
