import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import type { ParseResult } from '../model/warning.ts';

/**
 * Shared pieces of the fuzz tests (test-only): how many inputs to run, the mutation layer that
 * damages well-formed texts the way transports and hostile uploads do, and the checks every
 * parser must pass on every input (never throws, documented shape, bounded CPU time).
 */

/** Inputs per property. `npm test` runs a small seeded count; `npm run fuzz` raises it. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.NODESCOPE_FUZZ_RUNS) || 300);
/** Fixed unless asked otherwise, so a failure in `npm test` reproduces on the next run. */
export const FUZZ_SEED = Number(process.env.NODESCOPE_FUZZ_SEED) || 20261202;
/**
 * CPU time allowed for one input. Inputs stay under ~300 KB (four 64 KB fields at most), which
 * a linear parser reads in a few ms; the cap is generous so a loaded machine never fails it, while a quadratic
 * path on a 64 KB field (seconds) still does.
 */
export const MAX_CPU_MS_PER_INPUT = 250;

export function fuzzParams(): fc.Parameters<unknown> {
  return { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true };
}

/** CPU time of one call in ms (wall time on a shared machine measures the neighbours). */
export function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/**
 * Throws when `ok` is false. The checks run on every one of 100,000 inputs: a plain throw
 * costs nothing, where expect() would dominate the run time.
 */
export function ensure(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** The result every parser documents: a value, and warnings with a message and a line inside the text. */
export function ensureWellFormed(r: ParseResult<unknown>, text: string): void {
  ensure(r !== null && typeof r === 'object', 'parse result is not an object');
  // The value's own shape is each parser's check (the bundle reader documents `undefined`).
  ensure('value' in r, 'parse result has no value');
  ensure(Array.isArray(r.warnings), 'warnings is not an array');
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  for (const w of r.warnings) {
    ensure(typeof w.message === 'string', 'warning without a message');
    if (w.line !== undefined)
      ensure(
        Number.isInteger(w.line) && w.line >= 1 && w.line <= lines,
        `warning line ${w.line} outside 1..${lines}`,
      );
  }
}

/** Runs `parse` on `text` under the CPU cap and checks the common shape plus `shape`. */
export function checkParse<T>(
  parse: (text: string) => ParseResult<T>,
  text: string,
  shape: (value: T) => void,
): ParseResult<T> {
  let r: ParseResult<T> | undefined;
  const ms = cpuMs(() => {
    r = parse(text);
  });
  ensure(ms < MAX_CPU_MS_PER_INPUT, `${ms.toFixed(0)} ms of CPU for one input of ${text.length} chars`);
  ensureWellFormed(r!, text);
  shape(r!.value);
  return r!;
}

/** Records how many inputs a property ran, for `npm run fuzz` to print (only when it asks). */
export function recordRuns(parser: string, property: string, ms: number): void {
  const file = process.env.NODESCOPE_FUZZ_REPORT;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ parser, property, runs: FUZZ_RUNS, ms })}\n`);
}

/** Asserts `prop` with the fuzz parameters and records the count. */
export function runFuzz<T>(
  parser: string,
  property: string,
  arb: fc.Arbitrary<T>,
  check: (v: T) => unknown,
): void {
  const t0 = performance.now();
  // Wrapped so a check that returns a value is not read as a failed boolean property.
  fc.assert(
    fc.property(arb, (v) => {
      check(v);
    }),
    fuzzParams(),
  );
  recordRuns(parser, property, performance.now() - t0);
}

// --- Mutation layer -------------------------------------------------------------------------

/** Junk that breaks parsers written for clean text: NULs, lone surrogates, U+FFFD, controls. */
const JUNK = fc.constantFrom(
  '\0',
  '\0\0\0',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDBFF',
  '\uFFFD',
  '\r',
  '\r\n',
  '\t',
  '\x1b[0m',
  '\u2028',
  '\uFEFF',
);
/** Separators the formats use, to be repeated where one was expected. */
const SEPARATORS = fc.constantFrom(
  ' ',
  ' - ',
  ':',
  '=',
  ',',
  '\n',
  '\t',
  ']',
  '[',
  '"',
  '\\',
  '--',
  '#',
  '{',
  '}',
);

type Mutation = (s: string) => string;

const at = (s: string, f: number) => Math.min(s.length, Math.floor(f * (s.length + 1)));
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Cut anywhere (a probe that hit its cap or a stream that closed early).
  fraction.map(
    (f): Mutation =>
      (s) =>
        s.slice(0, at(s, f)),
  ),
  // Lose the head (a tail -c window).
  fraction.map(
    (f): Mutation =>
      (s) =>
        s.slice(at(s, f)),
  ),
  fc.tuple(fraction, JUNK).map(
    ([f, j]): Mutation =>
      (s) =>
        s.slice(0, at(s, f)) + j + s.slice(at(s, f)),
  ),
  fc.constant<Mutation>((s) => s.replace(/\n/g, '\r\n')),
  fc.constant<Mutation>((s) => s.replace(/\n/g, '\r')),
  fc.constant<Mutation>((s) => s.replace(/ /g, '\0')),
  // One huge field: up to 64 KB of one character, or of a separator.
  fc
    .tuple(
      fraction,
      fc.constantFrom('a', '1', ' ', '/', ':', '\\040', '\0'),
      fc.integer({ min: 1000, max: 64 * 1024 }),
    )
    .map(
      ([f, c, n]): Mutation =>
        (s) =>
          s.slice(0, at(s, f)) + c.repeat(Math.ceil(n / c.length)) + s.slice(at(s, f)),
    ),
  // A separator repeated many times.
  fc.tuple(fraction, SEPARATORS, fc.integer({ min: 2, max: 2000 })).map(
    ([f, sep, n]): Mutation =>
      (s) =>
        s.slice(0, at(s, f)) + sep.repeat(n) + s.slice(at(s, f)),
  ),
  // Drop one character (often a separator), or duplicate a line.
  fraction.map(
    (f): Mutation =>
      (s) =>
        s.slice(0, at(s, f)) + s.slice(at(s, f) + 1),
  ),
  fraction.map(
    (f): Mutation =>
      (s) => {
        const lines = s.split('\n');
        const i = Math.min(lines.length - 1, Math.floor(f * lines.length));
        lines.splice(i, 0, lines[i]!);
        return lines.join('\n');
      },
  ),
);

/** `base` with one to four mutations applied, or untouched now and then. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(base, fc.array(mutation, { minLength: 0, maxLength: 4 }))
    .map(([s, ms]) => ms.reduce((acc, m) => m(acc), s));
}

/** Lines joined with "\n", with or without a final newline. */
export function joinLines(lines: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return fc.tuple(lines, fc.boolean()).map(([ls, nl]) => ls.join('\n') + (nl && ls.length ? '\n' : ''));
}

export const smallUint = fc.integer({ min: 0, max: 99999 });
const WORD_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_.-'.split('');
/** A short identifier-like word (built from characters: stringMatching is slow to generate). */
export const word = fc
  .tuple(
    fc.constantFrom(...WORD_CHARS.slice(0, 26)),
    fc.array(fc.constantFrom(...WORD_CHARS), { maxLength: 11 }),
  )
  .map(([h, t]) => h + t.join(''));
