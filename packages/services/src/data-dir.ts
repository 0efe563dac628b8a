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
