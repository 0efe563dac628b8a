// Checks and build steps shared by `npm start` and `npm test`: clear messages instead of
// stack traces when something the project needs is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function fail(message) {
  console.error(`\n[nodescope] ${message}\n`);
  process.exit(1);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 9))
    fail(`Node.js 20.9 or newer is required (found ${process.version}).`);
  if (!existsSync(path.join(ROOT, 'node_modules', 'next')))
    fail('Dependencies are missing: run `npm install` first.');
}

export function run(label, cmd, args, opts = {}) {
  console.log(`\n[nodescope] ${label}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  if (res.status !== 0) fail(`${label} failed (exit ${res.status ?? res.signal}).`);
}

export function ensurePrismaClient() {
  if (existsSync(path.join(ROOT, 'packages/db/src/generated/prisma/client.ts'))) return;
  run('generating the Prisma client', 'npx', ['prisma', 'generate']);
}

function newestMtime(dir, skip) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, skip));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the UI when there is no build or a source file is newer than it. */
export function ensureWebBuild({ force = false } = {}) {
  const buildId = path.join(ROOT, 'apps/web/.next/BUILD_ID');
  const skip = new Set(['node_modules', '.next', 'generated', '.turbo', 'test-results']);
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'apps/web'), skip),
    // Every package the web bundle compiles in: a change to any of them needs a new build.
    ...['core', 'api', 'db', 'services'].map((p) => newestMtime(path.join(ROOT, 'packages', p, 'src'), skip)),
  );
  if (!force && existsSync(buildId) && statSync(buildId).mtimeMs >= sources) return;
  run('building the web UI (about a minute the first time)', 'npx', ['next', 'build', 'apps/web'], {
    env: { NEXT_TELEMETRY_DISABLED: '1' },
  });
}

/** Builds the command line (packages/collector/dist) when missing or older than its sources. */
export function ensureCliBuild() {
  const main = path.join(ROOT, 'packages/collector/dist/cli/main.mjs');
  const skip = new Set(['node_modules', 'generated', 'test', 'fixtures', 'corpus']);
  const sources = Math.max(
    ...['collector', 'core', 'db', 'simulator', 'services'].map((p) =>
      newestMtime(path.join(ROOT, 'packages', p, 'src'), skip),
    ),
  );
  if (existsSync(main) && statSync(main).mtimeMs >= sources) return;
  run('building the command line', process.execPath, ['packages/collector/scripts/build-cli.mjs']);
}
