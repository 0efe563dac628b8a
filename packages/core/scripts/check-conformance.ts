/**
 * Checks the structured parsers against the upstream conformance corpus and prints one row per
 * file. Usage: npx tsx packages/core/scripts/check-conformance.ts [--dir <corpus folder>] [-v]
 * Exits 1 when a check fails, 2 when there is no corpus to check.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkConformanceFile, isConformanceFixture } from '../src/parsers/conformance/index.ts';

const args = process.argv.slice(2);
const verbose = args.includes('-v') || args.includes('--verbose');
const dirArg = args.indexOf('--dir');
// The repository root is two levels above packages/core/scripts' parent.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus =
  dirArg >= 0 && args[dirArg + 1] ? resolve(args[dirArg + 1]!) : resolve(root, '../shared/conformance');

if (!existsSync(corpus)) {
  console.error(`no conformance corpus at ${corpus} (pass --dir <folder>)`);
  process.exit(2);
}

const files = readdirSync(corpus).filter(isConformanceFixture).sort();
if (files.length === 0) {
  console.error(`no fixtures (NN_*.txt) in ${corpus}`);
  process.exit(2);
}

const width = Math.max(...files.map((f) => f.length), 4);
console.log(`${'file'.padEnd(width)}  checks  passed  result`);
let failedFiles = 0;
for (const file of files) {
  const report = checkConformanceFile(file, readFileSync(join(corpus, file), 'utf8'));
  const passed = report.checks.filter((c) => c.ok).length;
  const ok = passed === report.checks.length && report.checks.length > 0;
  if (!ok) failedFiles++;
  const result = ok ? (report.known ? 'pass' : 'pass (generic checks only)') : 'FAIL';
  console.log(
    `${file.padEnd(width)}  ${String(report.checks.length).padStart(6)}  ${String(passed).padStart(6)}  ${result}`,
  );
  for (const c of report.checks) {
    if (!c.ok) console.log(`    x ${c.name}: ${c.detail ?? ''}`);
    else if (verbose) console.log(`    ok ${c.name}`);
  }
}
console.log(
  failedFiles === 0 ? `all ${files.length} files pass` : `${failedFiles} of ${files.length} files FAIL`,
);
process.exit(failedFiles === 0 ? 0 : 1);
