import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeArtifacts } from '../analyze.ts';
import { RULE_IDS } from '../model/rule-id.ts';
import { readPaste } from './paste-artifacts.ts';

/**
 * Real node output quoted from public issues and upstream fixtures. Each file starts with
 * `# source: <url>` and `# expect: rule, rule` (or `none` for healthy output, which must raise
 * nothing at warning or above); the header is stripped before the text is read.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/corpus');
const TAKEN_AT = '2026-11-30T12:00:00Z';

interface Case {
  name: string;
  source: string;
  expect: string[];
  text: string;
}

function loadCorpus(): Case[] {
  const out: Case[] = [];
  for (const family of readdirSync(ROOT).sort()) {
    for (const file of readdirSync(path.join(ROOT, family)).sort()) {
      if (!file.endsWith('.txt')) continue;
      const raw = readFileSync(path.join(ROOT, family, file), 'utf8');
      const lines = raw.split('\n');
      const source = /^# source: (\S+)/.exec(lines[0] ?? '')?.[1];
      const expectLine = /^# expect: (.*)$/.exec(lines[1] ?? '')?.[1];
      if (!source || expectLine === undefined) throw new Error(`${family}/${file}: header missing`);
      const rules = expectLine.trim() === 'none' ? [] : expectLine.split(',').map((s) => s.trim());
      out.push({ name: `${family}/${file}`, source, expect: rules, text: lines.slice(2).join('\n') });
    }
  }
  return out;
}

const corpus = loadCorpus();

function rulesOf(text: string) {
  const reading = readPaste(text);
  const result = analyzeArtifacts(reading.artifacts, { takenAt: reading.takenAt ?? TAKEN_AT });
  return { reading, findings: result.findings };
}

describe('real-world corpus', () => {
  it('has at least 60 problem excerpts and 10 healthy ones, each naming its source', () => {
    expect(corpus.filter((c) => c.expect.length > 0).length).toBeGreaterThanOrEqual(60);
    expect(corpus.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(10);
    for (const c of corpus) {
      expect(c.source).toMatch(/^https:\/\//);
      for (const r of c.expect)
        expect({ file: c.name, rule: r, known: (RULE_IDS as readonly string[]).includes(r) }).toEqual({
          file: c.name,
          rule: r,
          known: true,
        });
    }
  });

  it.each(corpus.filter((c) => c.expect.length > 0).map((c) => [c.name, c] as const))(
    '%s yields its expected rules',
    (_name, c) => {
      const { reading, findings } = rulesOf(c.text);
      expect(reading.recognised || findings.length > 0).toBe(true);
      const got = new Set<string>(findings.map((f) => f.rule));
      expect(c.expect.filter((r) => !got.has(r))).toEqual([]);
    },
  );

  it.each(corpus.filter((c) => c.expect.length === 0).map((c) => [c.name, c] as const))(
    '%s (healthy) raises nothing at warning or above and is recognised',
    (_name, c) => {
      const { reading, findings } = rulesOf(c.text);
      expect(reading.recognised).toBe(true);
      expect(findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}: ${f.summary}`)).toEqual([]);
    },
  );
});
