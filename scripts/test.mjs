// `npm test`: typecheck, lint, unit and integration tests (real embedded PostgreSQL, real
// OpenSSH), then the end-to-end tests in Debian's Chromium against the real server.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  checkNode,
  ensureCliBuild,
  ensurePrismaClient,
  ensureWebBuild,
  fail,
  ROOT,
  run,
} from './preflight.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.TURBO_TELEMETRY_DISABLED = '1';
checkNode();
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  fail(
    `Chromium not found at ${chromium}. Install it with \`sudo apt-get install -y chromium\` ` +
      '(or set CHROMIUM_PATH to a Chromium or Chrome binary). Playwright must not download its own browser.',
  );
}
if (!existsSync('/usr/sbin/sshd')) {
  fail(
    'OpenSSH server not found at /usr/sbin/sshd: install it with `sudo apt-get install -y openssh-server`.',
  );
}
ensurePrismaClient();
ensureCliBuild();
const only = process.argv[2];
if (!only || only === 'static') {
  run('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
  run('lint', 'npm', ['run', 'lint', '--silent']);
}
if (!only || only === 'unit') run('unit and integration tests', 'npx', ['vitest', 'run']);
if (!only || only === 'e2e') {
  ensureWebBuild();
  // Each e2e run starts the server on a fresh embedded database; drop the previous runs' ones.
  const results = path.join(ROOT, 'test-results');
  for (const entry of existsSync(results) ? readdirSync(results) : []) {
    if (entry.startsWith('server-data-')) rmSync(path.join(results, entry), { recursive: true, force: true });
  }
  run('end-to-end tests', 'npx', ['playwright', 'test']);
}
console.log('\n[nodescope] all test stages passed');
