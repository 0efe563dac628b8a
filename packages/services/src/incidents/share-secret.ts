import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@nodescope/db';
import { env } from '@nodescope/config';

let cached: { key: Buffer; source: string } | null = null;

function dataDir(): string {
  return path.resolve(env('NODESCOPE_DATA_DIR') ?? path.join(REPO_ROOT, '.nodescope'));
}

/**
 * The server secret share-link tokens are signed with: NODESCOPE_SHARE_SECRET when set
 * (at least 32 characters), else a random key generated once into the data folder with
 * mode 0600. Never sent to the browser, never logged.
 */
export function shareSecret(): Buffer {
  const fromEnv = env('NODESCOPE_SHARE_SECRET');
  if (fromEnv) {
    if (cached?.source !== 'env') cached = { key: Buffer.from(fromEnv, 'utf8'), source: 'env' };
    return cached.key;
  }
  const file = path.join(dataDir(), 'share-link.key');
  if (cached?.source === file) return cached.key;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting at once cannot both write a different key.
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  chmodSync(file, 0o600);
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a share-link key (64 hex characters)`);
  cached = { key: Buffer.from(hex, 'hex'), source: file };
  return cached.key;
}
