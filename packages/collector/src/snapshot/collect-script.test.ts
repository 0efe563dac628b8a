import { readFileSync } from 'node:fs';
import { PROBES } from '@nodescope/core';
import { describe, expect, it } from 'vitest';
import { renderCollectScript } from './collect-script.ts';

const committedPath = new URL('../../nodescope-collect.sh', import.meta.url);

describe('nodescope-collect.sh', () => {
  it('is exactly what the generator renders from the catalogue (regenerate: npx tsx packages/collector/scripts/gen-collect-sh.ts)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(renderCollectScript());
  });

  it('runs every catalogue probe with its own timeout and cap, in catalogue order', () => {
    const calls = renderCollectScript()
      .split('\n')
      .filter((l) => l.startsWith('run_probe '))
      .map((l) => l.split(' ').slice(1, 4).join(' '));
    expect(calls).toEqual(PROBES.map((p) => `${p.id} ${p.timeoutSec} ${p.maxBytes}`));
  });

  it('embeds each script verbatim inside single quotes', () => {
    const text = renderCollectScript();
    for (const p of PROBES) expect(text).toContain(`'${p.script.replace(/'/g, `'\\''`)}'`);
  });

  it('kills probes with timeout -s KILL and caps with head -c', () => {
    const text = renderCollectScript();
    expect(text).toContain('timeout -s KILL "$limit" sh -c "$script"');
    expect(text).toContain('head -c $((max + 1))');
  });
});
