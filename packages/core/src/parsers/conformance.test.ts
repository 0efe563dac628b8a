import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConformanceFile, isConformanceFixture } from './conformance/index.ts';

/** The repository root: the nearest directory above this file whose package.json has workspaces. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && 'workspaces' in JSON.parse(readFileSync(pkg, 'utf8'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

const corpus = resolve(repoRoot(), '../shared/conformance');
const present = existsSync(corpus);
const files = present ? readdirSync(corpus).filter(isConformanceFixture).sort() : [];

describe.runIf(present)(`parser conformance against ${corpus}`, () => {
  it('finds the mountinfo and PSI fixtures', () => {
    expect(files.some((f) => f.startsWith('01_mountinfo'))).toBe(true);
    expect(files.some((f) => f.startsWith('08_proc_pressure'))).toBe(true);
  });

  it.each(files)('%s', (file) => {
    const report = checkConformanceFile(file, readFileSync(join(corpus, file), 'utf8'));
    if (!report.known)
      console.warn(`${file}: no stated expectations known for this file; generic checks only`);
    expect(report.checks.length).toBeGreaterThan(0);
    const failed = report.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail ?? ''}`);
    expect(failed).toEqual([]);
  });
});

describe.skipIf(present)('parser conformance', () => {
  it(`skipped: no conformance corpus at ${corpus}`, () => {
    expect(present).toBe(false);
  });
});
