import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENV } from './env.ts';

// The README's configuration table and the schema name the same variables with the same defaults.
const readme = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md'),
  'utf8',
);

function configurationTable(text: string): Map<string, string> {
  const section = text.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([A-Z0-9_]+)` \| (.*?) \| .* \|$/.exec(line);
    if (m?.[1] && m[2] !== undefined) {
      expect(rows.has(m[1]), `${m[1]} is listed twice`).toBe(false);
      rows.set(m[1], m[2]);
    }
  }
  return rows;
}

describe('README configuration table', () => {
  const table = configurationTable(readme);

  it('lists exactly the variables of the schema', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(ENV).sort());
  });

  for (const [name, v] of Object.entries(ENV)) {
    it(`${name}: the README shows the schema's default ${v.readmeDefault}`, () => {
      expect(table.get(name)).toBe(v.readmeDefault);
    });
  }
});
