import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MountEntry, MountOptionalFields } from '../model/node-state.ts';
import { parseMountinfo, parseMountinfoNs } from '../parsers/index.ts';
import {
  checkParse,
  ensure,
  joinLines,
  mutated,
  runFuzz,
  smallUint,
  word,
} from './fuzz-harness.test-support.ts';

/**
 * Mountinfo lines from a grammar (proc(5): ids, major:minor, root, mount point, options,
 * optional fields, " - ", fs type, source, super options), with the kernel's octal escapes.
 * A printer turns a generated entry into its line, and the parser must give the entry back.
 */

/** The kernel's mangle(): space, tab, newline and backslash become \ooo. */
function escapeField(s: string): string {
  return s.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

// Paths with the characters the kernel escapes, and some it leaves (unicode, colons).
const pathChar = fc.constantFrom(
  'a',
  'b',
  'z',
  '0',
  '9',
  '-',
  '_',
  '.',
  ':',
  ' ',
  '\t',
  '\n',
  '\\',
  'é',
  '日',
);
const path = fc
  .array(
    fc.array(pathChar, { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')),
    { maxLength: 5 },
  )
  .map((segs) => `/${segs.join('/')}`);
const option = fc.oneof(
  word,
  fc.tuple(word, word).map(([k, v]) => `${k}=${v}`),
);
const options = fc.array(option, { minLength: 1, maxLength: 6 });

type Tag = { kind: 'shared' | 'master' | 'propagate_from'; n: number } | { kind: 'unbindable' };
const tag: fc.Arbitrary<Tag> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('shared' as const, 'master' as const, 'propagate_from' as const),
    n: smallUint,
  }),
  fc.constant({ kind: 'unbindable' as const }),
);

function expectedOptional(tags: Tag[]): MountOptionalFields {
  const out: MountOptionalFields = {
    raw: tags.map((t) => (t.kind === 'unbindable' ? t.kind : `${t.kind}:${t.n}`)),
  };
  for (const t of tags) {
    if (t.kind === 'shared') out.shared = t.n;
    else if (t.kind === 'master') out.master = t.n;
    else if (t.kind === 'propagate_from') out.propagateFrom = t.n;
    else out.unbindable = true;
  }
  return out;
}

interface Generated {
  entry: Omit<MountEntry, 'line'>;
}

const entry: fc.Arbitrary<Generated> = fc
  .record({
    mountId: smallUint,
    parentId: smallUint,
    major: fc.integer({ min: 0, max: 4095 }),
    minor: fc.integer({ min: 0, max: 1048575 }),
    root: path,
    mountPoint: path,
    mountOptions: options,
    tags: fc.array(tag, { maxLength: 4 }),
    fsType: fc.oneof(word, fc.constantFrom('ext4', 'overlay', 'fuse.sshfs', 'nfs4', 'tmpfs')),
    source: fc.oneof(path, word, fc.constantFrom('none', 'overlay', '10.0.0.1:/export', 'host:/a b')),
    superOptions: options,
  })
  .map(({ tags, ...e }) => ({ entry: { ...e, optional: expectedOptional(tags) } }));

/** Prints one entry as the kernel would, with `gap` spaces between the fields. */
function printEntry(e: Omit<MountEntry, 'line'>): string {
  return [
    e.mountId,
    e.parentId,
    `${e.major}:${e.minor}`,
    escapeField(e.root),
    escapeField(e.mountPoint),
    e.mountOptions.join(','),
    ...e.optional.raw,
    '-',
    escapeField(e.fsType),
    escapeField(e.source),
    e.superOptions.join(','),
  ].join(' ');
}

const table = fc.array(entry, { maxLength: 12 });
const tableText = table.map((es) => es.map((g) => printEntry(g.entry)).join('\n'));

const isInt = Number.isInteger;
const shape = (value: MountEntry[]) => {
  ensure(Array.isArray(value), 'value is not an array');
  for (const m of value) {
    ensure(isInt(m.mountId) && isInt(m.parentId) && isInt(m.major) && isInt(m.minor), 'non-integer ids');
    ensure(typeof m.root === 'string' && typeof m.mountPoint === 'string', 'paths not strings');
    ensure(typeof m.fsType === 'string' && typeof m.source === 'string', 'fs type or source not a string');
    ensure(Array.isArray(m.mountOptions) && Array.isArray(m.superOptions), 'options not arrays');
    ensure(Array.isArray(m.optional.raw), 'optional fields not an array');
    ensure(isInt(m.line) && m.line >= 1, `bad line ${m.line}`);
  }
};

describe('mountinfo fuzzing', () => {
  it('parse(print(entries)) gives the entries back', () => {
    runFuzz('mountinfo', 'round trip', table, (es) => {
      const text = `${es.map((g) => printEntry(g.entry)).join('\n')}\n`;
      const r = checkParse(parseMountinfo, text, shape);
      expect(r.warnings).toEqual([]);
      expect(r.value).toEqual(es.map((g, i) => ({ ...g.entry, line: i + 1 })));
    });
  });

  it('never throws, keeps its shape and its time on mutated tables', () => {
    runFuzz('mountinfo', 'mutated', mutated(tableText), (text) => {
      checkParse(parseMountinfo, text, shape);
    });
  });

  it('mountinfo-ns: never throws on mutated namespace sections', () => {
    const header = fc
      .tuple(fc.nat(), fc.nat({ max: 4194304 }), word)
      .map(([ns, pid, comm]) => `## ns=mnt:[${4026531840 + ns}] pid=${pid} comm=${comm}`);
    const sections = joinLines(
      fc.array(
        fc.tuple(header, tableText).map(([h, t]) => `${h}\n${t}`),
        { maxLength: 4 },
      ),
    );
    runFuzz('mountinfo-ns', 'mutated', mutated(sections), (text) => {
      checkParse(parseMountinfoNs, text, (v) => {
        ensure(Array.isArray(v), 'value is not an array');
        for (const ns of v) ensure(typeof ns.nsId === 'string' && Array.isArray(ns.mounts), 'bad namespace');
      });
    });
  });
});
