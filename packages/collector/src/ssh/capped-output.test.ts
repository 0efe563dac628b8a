import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CappedOutput, completeUtf8Length } from './capped-output.ts';
import { artifactText } from './run-probe.ts';

describe('CappedOutput', () => {
  it('keeps everything under the cap and decodes characters split across chunks', () => {
    const out = new CappedOutput(100);
    const bytes = Buffer.from('jbd2/vdfiw-8 ✓ 日本', 'utf8');
    for (const b of bytes) expect(out.push(Buffer.from([b]))).toBe(true);
    expect(out.text()).toBe('jbd2/vdfiw-8 ✓ 日本');
    expect(out.truncated).toBe(false);
  });

  it('cuts at exactly maxBytes and flags truncation only when more arrived', () => {
    const exact = new CappedOutput(4);
    expect(exact.push(Buffer.from('abcd'))).toBe(true);
    expect(exact.truncated).toBe(false);
    expect(exact.push(Buffer.from('e'))).toBe(false);
    expect(exact.truncated).toBe(true);
    expect(exact.text()).toBe('abcd');
  });

  it('does not end a cut text with half a character', () => {
    const out = new CappedOutput(5);
    out.push(Buffer.from('abcd日', 'utf8')); // 日 is 3 bytes: only 1 fits
    expect(out.text()).toBe('abcd');
  });

  it('turns invalid UTF-8 into replacement characters, never an exception', () => {
    const out = new CappedOutput(100);
    out.push(Buffer.from([0x66, 0xff, 0xfe, 0x6f, 0xc3]));
    out.push(Buffer.from([0x28]));
    expect(out.text()).toBe('f\uFFFD\uFFFDo\uFFFD(');
  });

  it('never exceeds the cap and always decodes, for any chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 200 }),
        (chunks, cap) => {
          const out = new CappedOutput(cap);
          for (const c of chunks) out.push(Buffer.from(c));
          const total = chunks.reduce((n, c) => n + c.length, 0);
          expect(out.bytes).toBe(Math.min(cap, total));
          expect(out.truncated).toBe(total > cap);
          expect(Buffer.byteLength(out.text().replace(/\uFFFD/g, '?'))).toBeLessThanOrEqual(cap);
        },
      ),
    );
  });

  it('completeUtf8Length drops only an incomplete trailing sequence', () => {
    expect(completeUtf8Length(Buffer.from('ab'))).toBe(2);
    expect(completeUtf8Length(Buffer.from([0x61, 0xe6, 0x97]))).toBe(1);
    expect(completeUtf8Length(Buffer.from('a日'))).toBe(4);
    expect(completeUtf8Length(Buffer.from([0x61, 0xf0, 0x9f, 0x98]))).toBe(1);
  });
});

describe('artifactText', () => {
  it('keeps stderr out of a successful probe with output', () => {
    expect(artifactText('ok\n', 'warning: partial read\n', 0)).toBe('ok\n');
  });
  it('appends stderr under a ## stderr line when the probe failed or printed nothing', () => {
    expect(artifactText('half', 'boom\n', 2)).toBe('half\n## stderr\nboom\n');
    expect(artifactText('', 'sudo: a password is required\n', 1)).toBe(
      '## stderr\nsudo: a password is required\n',
    );
    expect(artifactText('', 'note\n', 0)).toBe('## stderr\nnote\n');
    expect(artifactText('', '', 1)).toBe('');
  });
});
