import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@nodescope/db';
import { env } from '@nodescope/config';

/**
 * The folder the server owns (embedded database, generated secrets, demo fleet keys).
 * The server's start-up sets NODESCOPE_DATA_DIR, so code bundled by Next.js agrees with it.
 */
export function dataDir(): string {
  return path.resolve(env('NODESCOPE_DATA_DIR') ?? path.join(REPO_ROOT, '.nodescope'));
}

/**
 * Creates the data folder if needed and checks that the server can write it, so that a bad
 * NODESCOPE_DATA_DIR stops the start with a sentence rather than ENOTDIR from the first secret
 * written there (with DATABASE_URL nothing else has touched the folder yet).
 */
export function ensureWritableDataDir(dir = dataDir()): string {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new Error(
      `The data folder ${dir} is not writable (${(err as Error).message}). Set NODESCOPE_DATA_DIR ` +
        'to a writable folder: it holds the secret keys, the metrics token and the demo fleet keys.',
    );
  }
  return dir;
}
