import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { parseDmesg } from './dmesg.ts';
import { parseKubeletLog } from './kubelet-log.ts';
import type { LogContext } from './log-context.ts';
import { parseRuntimeLog } from './runtime-log.ts';

type Parser = (text: string, ctx?: LogContext) => ParseResult<LogEvent[]>;
const PARSERS: [string, Parser][] = [
  ['dmesg', parseDmesg],
  ['kubelet-log', parseKubeletLog],
  ['runtime-log', parseRuntimeLog],
];
const dir = new URL('./fixtures/', import.meta.url);
const FIXTURES = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => [f, readFileSync(new URL(f, dir), 'utf8')] as const);
const ctx = { referenceTime: '2026-11-22T10:00:00Z', bootTime: '2026-11-22T09:00:00Z' };

/** Every event is well formed: lines ascend, line counts are positive, times are ISO UTC. */
function checkShape(events: LogEvent[], probe: string): void {
  let last = 0;
  for (const e of events) {
    expect(e.probe).toBe(probe);
    expect(e.line).toBeGreaterThan(last);
    expect(e.lineCount).toBeGreaterThanOrEqual(1);
    if (e.time !== undefined) expect(e.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    last = e.line;
  }
}

// Pieces of real log syntax so random strings reach deep into the parsers.
const TOKENS = [
  '[',
  ']',
  ' ',
  '\n',
  '\r\n',
  '"',
  '\\',
  '=',
  '{',
  '}',
  ':',
  '+',
  '.',
  '0',
  '12',
  '2026-11-22T10:00:00',
  ',123456+00:00',
  'Apr 14 02:46:12 ',
  'node1 ',
  'kernel: ',
  'kubelet[12]: ',
  'containerd[3]: ',
  'systemd[1]: ',
  'E0412 15:28:39.437193 ',
  '3237254 ',
  'x.go:301] ',
  '"msg" ',
  'k="v ',
  'level=error ',
  'msg="',
  'time="',
  '[ +0.000006] ',
  '[Apr14 02:46] ',
  '[Mon Apr  8 10:19:15 2024] ',
  '<3>',
  'SLUB: Unable to allocate ',
  'cache: ',
  'INFO: task a:1 blocked for more than 120 seconds.',
  'Call Trace:',
  ' __schedule+0x2cd/0x890',
  '-- No entries --',
  '\\u00',
  'ü',
  '🚀',
];

describe('log parsers never throw', () => {
  it.each(PARSERS)('%s on random strings and token soup', (probe, parse) => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: fc.constantFrom(...TOKENS), maxLength: 60 }),
        ),
        (s) => {
          checkShape(parse(s, ctx).value, probe);
          checkShape(parse(s).value, probe);
        },
      ),
      { numRuns: 400 },
    );
  });

  it.each(PARSERS)(
    '%s on every truncated prefix of every fixture',
    (probe, parse) => {
      for (const [, text] of FIXTURES) {
        const step = Math.max(1, Math.floor(text.length / 150));
        for (let i = 0; i <= text.length; i += step) checkShape(parse(text.slice(0, i), ctx).value, probe);
      }
    },
    120_000,
  );

  it.each(PARSERS)('%s on odd contexts', (probe, parse) => {
    for (const c of [
      { referenceTime: 'garbage' },
      { bootTime: '' },
      { referenceTime: '0000-01-01T00:00:00Z' },
      {},
    ]) {
      checkShape(
        parse('Apr 14 02:46:12 n kernel: [1.5] x\n[ 2.0] y\nE0412 15:28:39.1 1 a.go:1] z', c).value,
        probe,
      );
    }
  });
});
