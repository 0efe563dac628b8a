import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeArtifacts } from '../analyze.ts';
import { readPaste } from './paste-artifacts.ts';

// The paste reader is total: random and mutated pastes never throw, and the analysis of what
// it returns never throws either. Seeds are the real corpus, mutated line by line.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/corpus');
const seeds: string[] = [];
for (const family of readdirSync(ROOT))
  for (const f of readdirSync(path.join(ROOT, family)))
    seeds.push(
      readFileSync(path.join(ROOT, family, f), 'utf8')
        .split('\n')
        .slice(2)
        .join('\n'),
    );

const FRAGMENTS = [
  '```',
  '> ',
  '**',
  '...',
  'root@node:~# ',
  '[root@n1 ~]# cat /proc/cgroups',
  '$ mount',
  '# ps aux',
  'goroutine 1 [select, 99 minutes]:',
  'memory 4 65535 1',
  '12:',
  '/var/log/messages:7:',
  ' on / type ext4 (rw)',
  '\r',
  '\u0000',
  '\x1b[31m',
  'load average: 9.0, 9.0, 9.0',
  'k8s.io/kubernetes/pkg/kubelet/pleg.(*GenericPLEG).relist()',
];

const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...FRAGMENTS), fc.boolean()), { maxLength: 12 }),
  )
  .map(([seed, edits]) => {
    const lines = seed.split('\n');
    for (const [at, frag, replace] of edits) {
      const i = lines.length === 0 ? 0 : at % lines.length;
      if (replace) lines[i] = frag;
      else lines[i] = `${frag}${lines[i] ?? ''}`;
    }
    return lines.join('\n');
  });

function check(text: string) {
  const r = readPaste(text);
  expect(Array.isArray(r.artifacts)).toBe(true);
  const result = analyzeArtifacts(r.artifacts, { takenAt: '2026-11-30T12:00:00Z' });
  expect(Array.isArray(result.findings)).toBe(true);
}

describe('readPaste is total', () => {
  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), check), { numRuns: 300 });
  });

  it('never throws on random lines built from paste syntax', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS, ''), { maxLength: 60 }), (parts) =>
        check(parts.join(parts.length % 2 ? '\n' : '')),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated corpus pastes', () => {
    fc.assert(fc.property(mutated, check), { numRuns: 200 });
  });
});

describe('readPaste stays linear', () => {
  // Complexity, not speed: 16x the input may cost ~16x, never ~256x. Each size is timed
  // twice and the faster run kept, so a busy machine does not fake a superlinear curve.
  const unit = seeds.join('\n');
  const time = (copies: number) => {
    const text = Array.from({ length: copies }, () => unit).join('\n');
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      const r = readPaste(text);
      analyzeArtifacts(r.artifacts, { takenAt: '2026-11-30T12:00:00Z' });
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };

  it('reads 32x the corpus in about 16x the time of 2x (far from 16^2)', () => {
    time(1);
    const small = time(2);
    const big = time(32);
    expect(big / small).toBeLessThan(16 * 4);
  }, 120_000);
});
