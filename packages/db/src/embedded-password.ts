import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded PostgreSQL's login password: random, generated on the first start and kept in
 * the data folder (0600, readable only by the user that runs Nodescope). Clusters made before
 * this was introduced used the fixed password below; they are switched over on their next start.
 */
export const PASSWORD_FILE = 'pg-password';
/** Written before the switch of an old cluster and renamed once the server has the new password. */
const PENDING_FILE = 'pg-password.pending';
export const LEGACY_PASSWORD = 'nodescope';

export function passwordFile(dataDir: string): string {
  return path.join(dataDir, PASSWORD_FILE);
}

function readPassword(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').trim();
  return text || undefined;
}

function writePrivate(file: string, text: string): void {
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of an existing file: set it explicitly.
  chmodSync(file, 0o600);
}

export function newPassword(): string {
  // base64url: safe inside a postgres:// URL without escaping.
  return randomBytes(24).toString('base64url');
}

/** The kept password, or undefined when the folder has none yet. */
export function keptPassword(dataDir: string): string | undefined {
  return readPassword(passwordFile(dataDir));
}

/** A new cluster: generate and keep its password before initdb uses it. */
export function createPassword(dataDir: string): string {
  const password = newPassword();
  writePrivate(passwordFile(dataDir), password);
  return password;
}

/**
 * An old cluster without a kept password: the passwords that may open it, most likely first
 * (a switch interrupted after ALTER ROLE left its new password pending).
 */
export function legacyCandidates(dataDir: string): string[] {
  const pending = readPassword(path.join(dataDir, PENDING_FILE));
  return pending ? [pending, LEGACY_PASSWORD] : [LEGACY_PASSWORD];
}

/**
 * Switches an old cluster to a random password: the new one is written as pending first, the
 * role changed with `alter`, then the pending file becomes the kept one, so a crash at any
 * point leaves a password on disk that opens the cluster.
 */
export async function switchToRandomPassword(
  dataDir: string,
  alter: (password: string) => Promise<void>,
): Promise<string> {
  const password = newPassword();
  const pending = path.join(dataDir, PENDING_FILE);
  writePrivate(pending, password);
  await alter(password);
  renameSync(pending, passwordFile(dataDir));
  return password;
}

/** Keeps the password file private even if an operator loosened its mode. */
export function keepPrivate(dataDir: string): void {
  const file = passwordFile(dataDir);
  if (existsSync(file)) chmodSync(file, 0o600);
}
