import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The real start path (apps/web/server/main.ts) on a public address: it must stop before starting
// anything, with exit status 2 and a message that says how to proceed. Outside the demo, an admin
// already in the database counts as accounts set up (public-bind.int.test.ts).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function start(env: Record<string, string>) {
  const clean = { ...process.env };
  for (const k of [
    'DATABASE_URL',
    'NODESCOPE_ADMIN_EMAIL',
    'NODESCOPE_ADMIN_PASSWORD',
    'NODESCOPE_ALLOW_PUBLIC',
  ])
    delete clean[k];
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/web/server/main.ts'], {
    cwd: root,
    // A data folder that cannot be created (it is under a file): past the check, start-up fails at once.
    env: { ...clean, NODESCOPE_DATA_DIR: path.join(root, 'package.json', 'data'), PORT: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}
