import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bundle, RawArtifact } from '../model/artifact.ts';
import { PROBE_IDS } from '../model/probe-id.ts';
import { looksLikeBundle, parseBundle, serializeBundle } from './bundle-format.ts';

function art(probe: RawArtifact['probe'], text: string, extra: Partial<RawArtifact> = {}): RawArtifact {
  return { probe, text, exitCode: 0, durationMs: 12, truncated: false, timedOut: false, ...extra };
}

function bundle(artifacts: RawArtifact[]): Bundle {
  return {
    formatVersion: 1,
    node: { name: 'worker-17', host: '10.0.3.17' },
    takenAt: '2026-11-22T10:00:00.000Z',
    collector: 'nodescope 0.1.0',
    artifacts,
  };
}

const SAMPLE = [
  '#nodescope-bundle v1',
  '#node: worker-17',
  '#host: 10.0.3.17',
  '#taken-at: 2026-11-22T10:00:00Z',
  '#collector: nodescope-collect.sh 1',
  '#boundary: nsb-1732269600-4242',
  '--nsb-1732269600-4242 probe=mountinfo exit=0 duration_ms=12 truncated=0 timed_out=0',
  '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue',
  '',
  '--nsb-1732269600-4242 probe=systemd exit=137 duration_ms=15000 truncated=0 timed_out=1 error=timed%20out%20after%2015s',
  '',
  '--nsb-1732269600-4242--',
  '',
].join('\n');

describe('serializeBundle / parseBundle round trip', () => {
  const cases: { name: string; text: string }[] = [
    { name: 'text with trailing newline', text: 'a\nb\n' },
    { name: 'text without trailing newline', text: 'a\nb' },
    { name: 'empty text', text: '' },
    { name: 'only a newline', text: '\n' },
    { name: 'several blank lines', text: '\n\n\n' },
    { name: 'CRLF text', text: 'line one\r\nline two\r\n' },
    { name: 'text with a lone CR at the end', text: 'x\r' },
    { name: 'text that looks like a bundle header', text: '#nodescope-bundle v1\n#node: other\n' },
    {
      name: 'text containing the default boundary',
      text: '--nsb-1795341600-4242 probe=dmesg exit=0\nmore\n',
    },
    { name: 'text containing the end marker', text: 'x\n--nsb-1795341600-4242--\ny' },
    { name: 'unicode', text: 'Knoten ü 节点 🚀\n' },
  ];
  it.each(cases)('$name', ({ text }) => {
    const b = bundle([art('dmesg', text), art('psi', 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n')]);
    const out = parseBundle(serializeBundle(b));
    expect(out.warnings).toEqual([]);
    expect(out.value).toEqual(b);
  });

  it('keeps exit=-, errors with spaces and %, timed out and truncated flags', () => {
    const b = bundle([
      art('systemd', '', { exitCode: null, timedOut: true, error: 'timed out after 15s: 100% stuck\nline2' }),
      art('processes', 'PID\n', { truncated: true, exitCode: 137, durationMs: 15000 }),
    ]);
    const text = serializeBundle(b);
    expect(text).toContain('probe=systemd exit=- duration_ms=12 truncated=0 timed_out=1 error=timed%20out');
    expect(parseBundle(text).value).toEqual(b);
  });

  it('omits optional headers and reads them back as absent', () => {
    const b: Bundle = {
      formatVersion: 1,
      node: { name: 'n1' },
      takenAt: '2026-11-22T10:00:00.000Z',
      artifacts: [],
    };
    const text = serializeBundle(b);
    expect(text).not.toContain('#host');
    expect(parseBundle(text).value).toEqual(b);
  });

  it('property: any artifact texts round-trip exactly', () => {
    const artifact = fc.record({
      probe: fc.constantFrom(...PROBE_IDS),
      text: fc.string({ unit: fc.constantFrom('a', '\n', '\r', '-', ' ', '#', 'nsb-', '--nsb-0-4242', 'é') }),
      exitCode: fc.option(fc.integer({ min: -1, max: 255 }), { nil: null }),
      durationMs: fc.nat(),
      truncated: fc.boolean(),
      timedOut: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(artifact, { maxLength: 5, selector: (a) => a.probe }), (artifacts) => {
        const b: Bundle = {
          formatVersion: 1,
          node: { name: 'n' },
          takenAt: '1970-01-01T00:00:00.000Z',
          artifacts,
        };
        const out = parseBundle(serializeBundle(b));
        expect(out.value).toEqual(b);
        expect(out.warnings).toEqual([]);
      }),
    );
  });
});

describe('parseBundle on hand-written and damaged input', () => {
  it('reads the documented sample', () => {
    const { value, warnings } = parseBundle(SAMPLE);
    expect(warnings).toEqual([]);
    expect(value?.node).toEqual({ name: 'worker-17', host: '10.0.3.17' });
    expect(value?.takenAt).toBe('2026-11-22T10:00:00.000Z');
    expect(value?.collector).toBe('nodescope-collect.sh 1');
    expect(value?.artifacts.map((a) => [a.probe, a.exitCode, a.timedOut, a.error])).toEqual([
      ['mountinfo', 0, false, undefined],
      ['systemd', 137, true, 'timed out after 15s'],
    ]);
    expect(value?.artifacts[0]?.text).toBe(
      '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n',
    );
    expect(value?.artifacts[1]?.text).toBe('');
  });

  it('ignores shell prompts and junk before the header', () => {
    const { value, warnings } = parseBundle(
      `[root@node01 ~]# cat /tmp/ns.bundle\nsome noise\n${SAMPLE}[root@node01 ~]# `,
    );
    expect(warnings).toEqual([]);
    expect(value?.artifacts).toHaveLength(2);
  });

  it('skips unknown probe ids with a warning and keeps the rest', () => {
    const text = SAMPLE.replace('probe=mountinfo', 'probe=gpu-info');
    const { value, warnings } = parseBundle(text);
    expect(value?.artifacts.map((a) => a.probe)).toEqual(['systemd']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('gpu-info');
    expect(warnings[0]?.line).toBe(7);
  });

  it('keeps complete sections and marks the partial last one truncated when the end is missing', () => {
    const b = bundle([art('mountinfo', 'm1\nm2\n'), art('dmesg', '[    1.000000] a\n[    2.000000] b\n')]);
    const full = serializeBundle(b);
    const cut = full.slice(0, full.indexOf('[    2.0') + 6);
    const { value, warnings } = parseBundle(cut);
    expect(value?.artifacts[0]).toEqual(b.artifacts[0]);
    expect(value?.artifacts[1]).toMatchObject({
      probe: 'dmesg',
      truncated: true,
      text: '[    1.000000] a\n[    2',
    });
    expect(warnings.some((w) => w.message.includes('end marker'))).toBe(true);
  });

  it.each([3, 10, 21, 22])('drops the start of a boundary line cut after %i characters', (n) => {
    const b = bundle([art('mountinfo', 'm1\n'), art('dmesg', 'd1\nd2\n')]);
    const full = serializeBundle(b);
    const cut = full.slice(0, full.lastIndexOf('\n--nsb-') + 1 + n);
    const { value } = parseBundle(cut);
    expect(value?.artifacts[1]).toMatchObject({ probe: 'dmesg', text: 'd1\nd2\n', truncated: true });
  });

  it('reads a bundle whose line endings were converted to CRLF', () => {
    const { value } = parseBundle(SAMPLE.replace(/\n/g, '\r\n'));
    expect(value?.node.name).toBe('worker-17');
    expect(value?.artifacts.map((a) => a.probe)).toEqual(['mountinfo', 'systemd']);
    expect(value?.artifacts[0]?.text).toBe(
      '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\r\n',
    );
    expect(value?.artifacts[1]?.timedOut).toBe(true);
  });

  it('ignores unknown header keys and infers a missing #boundary', () => {
    const text = SAMPLE.replace('#boundary: nsb-1732269600-4242\n', '').replace(
      'duration_ms=12',
      'duration_ms=12 sha256=abc',
    );
    const { value, warnings } = parseBundle(text);
    expect(value?.artifacts).toHaveLength(2);
    expect(warnings.map((w) => w.message)).toEqual([
      'bundle has no #boundary header; using the first section line',
    ]);
  });

  it.each([
    ['empty string', ''],
    ['plain dmesg', '[    0.000000] Linux version 5.15.0\n'],
    ['the magic mid-line only', 'echo #nodescope-bundle v1'],
  ])('returns undefined for %s', (_name, text) => {
    const out = parseBundle(text);
    expect(out.value).toBeUndefined();
    expect(out.warnings).toHaveLength(1);
    expect(looksLikeBundle(text)).toBe(false);
  });

  it('warns about a missing node and taken-at but still returns a bundle', () => {
    const { value, warnings } = parseBundle('#nodescope-bundle v1\n--b probe=psi exit=0\nx\n--b--\n');
    expect(value?.node.name).toBe('unknown');
    expect(value?.artifacts[0]?.text).toBe('x');
    expect(warnings.length).toBeGreaterThanOrEqual(2);
  });

  it('never throws on random input or on any prefix of a bundle', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseBundle(`#nodescope-bundle v1\n${s}`)));
    for (let i = 0; i <= SAMPLE.length; i++) {
      const out = parseBundle(SAMPLE.slice(0, i));
      if (i >= 20) expect(out.value).toBeDefined();
    }
  });

  it('reads a 100 MB bundle in linear time', () => {
    const line =
      '2026-11-22T10:00:00,123456+00:00 EXT4-fs warning (device vdfiw): error -5 reading directory block\n';
    const big = line.repeat(Math.ceil((100 * 1024 * 1024) / line.length));
    const b = bundle([art('dmesg', big), art('kubelet-log', big.slice(0, 1000))]);
    const text = serializeBundle(b);
    const t0 = performance.now();
    const out = parseBundle(text);
    const ms = performance.now() - t0;
    expect(out.value?.artifacts[0]?.text.length).toBe(big.length);
    expect(ms).toBeLessThan(1500);
  });
});
