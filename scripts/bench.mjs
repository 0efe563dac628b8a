// `npm run bench`: every benchmark, each printing its figures, its targets and a baseline
// measured in the same run. `npm run bench -- core` runs one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkNode, ensureCliBuild, ensurePrismaClient, ROOT } from './preflight.mjs';

checkNode();
ensurePrismaClient();
ensureCliBuild();
const benches = {
  core: 'packages/collector/bench/core-analysis.ts',
  simulator: 'packages/simulator/bench/fleet-memory.ts',
  collector: 'packages/collector/bench/fleet-collect.ts',
  web: 'apps/web/bench/web-bench.ts',
  cli: 'packages/collector/bench/cli-start.ts',
  triage: 'packages/collector/bench/triage.ts',
  mounts: 'packages/services/bench/mounts-bench.ts',
  load: 'packages/services/bench/load-bench.ts',
  'incident-page': 'apps/web/bench/incident-page.ts',
};
const only = process.argv.slice(2);
let failed = 0;
for (const [name, file] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(path.join(ROOT, file))) {
    console.log(`\n== ${name}: ${file} missing, skipped`);
    continue;
  }
  console.log(`\n== ${name} (${file})`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
