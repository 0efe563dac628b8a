// `npm run fuzz`: every parser and the bundle reader on 100,000 generated and mutated inputs per
// property (`npm test` runs the same properties on a small seeded count). Options:
//   npm run fuzz -- --runs 5000      fewer inputs (a quick check)
//   npm run fuzz -- --seed 42        another seed (the default is fixed, so failures reproduce)
// Prints the inputs run per parser and the time they took; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkNode, ROOT } from './preflight.mjs';

checkNode();
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Number(option('runs', '100000'));
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a positive integer');
  process.exit(2);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-fuzz-'));
const report = path.join(dir, 'runs.jsonl');
const env = { ...process.env, NODESCOPE_FUZZ_RUNS: String(runs), NODESCOPE_FUZZ_REPORT: report };
const seed = option('seed', undefined);
if (seed !== undefined) env.NODESCOPE_FUZZ_SEED = seed;

// Named one by one: a vitest filter is a substring, and the folder also holds the complexity tests.
const FOLDER = 'packages/core/src/robustness';
const files = readdirSync(path.join(ROOT, FOLDER))
  .filter((f) => f.endsWith('.fuzz.test.ts'))
  .map((f) => `${FOLDER}/${f}`);
console.log(`fuzzing with ${runs} inputs per property${seed ? `, seed ${seed}` : ''}`);
const t0 = Date.now();
const res = spawnSync(
  process.execPath,
  [
    path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--project',
    'unit',
    // One file at a time: the properties are CPU-bound, parallel files only contend.
    '--no-file-parallelism',
    '--test-timeout',
    '0',
    ...files,
  ],
  { cwd: ROOT, env, stdio: 'inherit' },
);
let rows = [];
try {
  rows = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {
  // No report: vitest failed before any property finished; its output says why.
}
rmSync(dir, { recursive: true, force: true });

const perParser = new Map();
for (const r of rows) {
  const p = perParser.get(r.parser) ?? { inputs: 0, ms: 0, properties: [] };
  p.inputs += r.runs;
  p.ms += r.ms;
  p.properties.push(r.property);
  perParser.set(r.parser, p);
}
console.log('\nparser          inputs    ms per 1,000   properties');
let total = 0;
let totalMs = 0;
for (const [name, p] of perParser) {
  total += p.inputs;
  totalMs += p.ms;
  console.log(
    `${name.padEnd(15)} ${String(p.inputs).padStart(8)}  ${((p.ms / p.inputs) * 1000).toFixed(0).padStart(12)}   ${p.properties.join(', ')}`,
  );
}
console.log(
  `total           ${String(total).padStart(8)}  ${total ? ((totalMs / total) * 1000).toFixed(0).padStart(12) : '-'}   (${((Date.now() - t0) / 1000).toFixed(1)} s wall, load ${os.loadavg()[0].toFixed(1)})`,
);
const short = [...perParser].filter(([, p]) => p.inputs < runs).map(([n]) => n);
if (res.status !== 0 || rows.length === 0 || short.length) {
  console.error('\nfuzzing failed');
  process.exit(1);
}
