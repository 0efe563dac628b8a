import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBundleStart, parseBundle, serializeBundle } from '../bundle/bundle-format.ts';
import type { Bundle, RawArtifact } from '../model/artifact.ts';
import { PROBE_IDS } from '../model/probe-id.ts';
import { checkParse, ensure, mutated, runFuzz, word } from './fuzz-harness.test-support.ts';

/**
 * Bundles from their model: any node, time, collector and probe texts (including texts that
 * contain boundary-like lines, CRLF, NULs and lone surrogates) serialise and read back equal;
 * mutated bundle texts never throw.
 */

// Section texts that try to end the section early or confuse the header reader.
const tricky = fc.constantFrom(
  '--nsb-1764633600-4242',
  '--nsb-1764633600-4242--',
  '--nsb-0-4242 probe=psi exit=0',
  '#nodescope-bundle v1',
  '#boundary: x',
  '\r\n',
  '\0',
  '\uD800',
  '',
  '\n',
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 20 })), { maxLength: 8 }).map((ps) => ps.join('\n')),
);
const artifact: fc.Arbitrary<RawArtifact> = fc
  .record({
    probe: fc.constantFrom(...PROBE_IDS),
    text,
    exitCode: fc.oneof(fc.constant(null), fc.integer({ min: -255, max: 255 })),
    durationMs: fc.nat({ max: 3_600_000 }),
    truncated: fc.boolean(),
    timedOut: fc.boolean(),
    error: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }),
  })
  .map(({ error, ...a }) => (error === undefined ? a : { ...a, error }));

const bundle: fc.Arbitrary<Bundle> = fc
  .record({
    name: word,
    host: fc.option(fc.oneof(word, fc.constant('10.0.3.17')), { nil: undefined }),
    // Whole seconds and milliseconds: the reader normalises to toISOString().
    takenAt: fc.integer({ min: 0, max: 4102444800000 }).map((ms) => new Date(ms).toISOString()),
    collector: fc.option(fc.constantFrom('nodescope 0.1.0', 'nodescope-collect.sh 1'), { nil: undefined }),
    // One section per probe: the reader warns on a repeated probe.
    artifacts: fc.uniqueArray(artifact, { maxLength: 6, selector: (a) => a.probe }),
  })
  .map(({ name, host, collector, ...b }) => ({
    formatVersion: 1 as const,
    node: host === undefined ? { name } : { name, host },
    ...b,
    ...(collector === undefined ? {} : { collector }),
  }));

const shape = (v: Bundle | undefined) => {
  if (v === undefined) return;
  ensure(typeof v.node?.name === 'string' && typeof v.takenAt === 'string', 'bad bundle header');
  ensure(Array.isArray(v.artifacts), 'artifacts is not an array');
  for (const a of v.artifacts)
    ensure(typeof a.text === 'string' && PROBE_IDS.includes(a.probe), 'bad artifact');
};

describe('bundle format fuzzing', () => {
  it('parseBundle(serializeBundle(b)) equals b', () => {
    runFuzz('bundle', 'round trip', bundle, (b) => {
      const r = checkParse(parseBundle, serializeBundle(b), shape);
      expect(r.value).toEqual(b);
      ensure(r.warnings.length === 0, `warnings on a serialised bundle: ${r.warnings[0]?.message}`);
    });
  });

  it('never throws, keeps its shape and its time on mutated bundles', () => {
    runFuzz('bundle', 'mutated', mutated(bundle.map(serializeBundle)), (t) => {
      const r = checkParse(parseBundle, t, shape);
      // Documented: no value only when no line starts with the magic.
      ensure(r.value !== undefined || findBundleStart(t) < 0, 'a bundle start was found but no bundle read');
    });
  });
});
