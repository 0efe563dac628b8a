import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load.test-support.ts';
import { parsePsi } from './psi.ts';

const some = (avg10: number, avg60: number, avg300: number, total: number, line: number) => ({
  avg10,
  avg60,
  avg300,
  total,
  line,
});

describe('parsePsi', () => {
  it('parses the probe output captured on a real host', () => {
    const r = parsePsi(fixture('real-psi.txt'));
    expect(r.warnings).toEqual([]);
    expect(r.value.available).toBe(true);
    expect(r.value.cpu?.some?.line).toBe(2);
    expect(r.value.memory?.full?.line).toBe(6);
    expect(r.value.io?.full?.line).toBe(9);
    expect(r.value.io?.some?.total).toBeGreaterThan(0);
  });

  const cases: { name: string; text: string; want: object; warnings?: number }[] = [
    {
      name: 'sectioned probe output under io pressure (incident B)',
      text: [
        '## cpu',
        'some avg10=12.50 avg60=10.01 avg300=8.00 total=987654321',
        'full avg10=0.00 avg60=0.00 avg300=0.00 total=0',
        '## memory',
        'some avg10=0.00 avg60=0.00 avg300=0.00 total=0',
        'full avg10=0.00 avg60=0.00 avg300=0.00 total=0',
        '## io',
        'some avg10=85.32 avg60=78.10 avg300=60.44 total=123456789012',
        'full avg10=71.02 avg60=65.50 avg300=50.00 total=98765432101',
      ].join('\n'),
      want: {
        available: true,
        cpu: { some: some(12.5, 10.01, 8, 987654321, 2), full: some(0, 0, 0, 0, 3) },
        io: { some: some(85.32, 78.1, 60.44, 123456789012, 8), full: some(71.02, 65.5, 50, 98765432101, 9) },
      },
    },
    {
      name: 'kernel without PSI: every section is a cat error',
      text: [
        '## cpu',
        'cat: /proc/pressure/cpu: No such file or directory',
        '## memory',
        'cat: /proc/pressure/memory: No such file or directory',
        '## io',
        'cat: /proc/pressure/io: No such file or directory',
      ].join('\n'),
      want: { available: false },
    },
    {
      name: 'only io missing',
      text: '## cpu\nsome avg10=0.10 avg60=0.20 avg300=0.30 total=5\n## io\ncat: /proc/pressure/io: Operation not supported\n',
      want: { available: true, cpu: { some: some(0.1, 0.2, 0.3, 5, 2) } },
    },
    {
      name: 'grep . /proc/pressure/* prefixes',
      text: [
        '/proc/pressure/cpu:some avg10=1.00 avg60=2.00 avg300=3.00 total=4',
        '/proc/pressure/io:some avg10=5.00 avg60=6.00 avg300=7.00 total=8',
        '/proc/pressure/io:full avg10=9.00 avg60=10.00 avg300=11.00 total=12',
      ].join('\n'),
      want: {
        available: true,
        cpu: { some: some(1, 2, 3, 4, 1) },
        io: { some: some(5, 6, 7, 8, 2), full: some(9, 10, 11, 12, 3) },
      },
    },
    {
      name: 'head banners',
      text: '==> /proc/pressure/memory <==\nsome avg10=0.50 avg60=0.25 avg300=0.10 total=99\n',
      want: { available: true, memory: { some: some(0.5, 0.25, 0.1, 99, 2) } },
    },
    {
      name: 'three unlabelled files in cat /proc/pressure/* order',
      text: [
        'some avg10=1.00 avg60=1.00 avg300=1.00 total=1',
        'full avg10=0.00 avg60=0.00 avg300=0.00 total=0',
        'some avg10=2.00 avg60=2.00 avg300=2.00 total=2',
        'full avg10=2.50 avg60=2.50 avg300=2.50 total=3',
        'some avg10=3.00 avg60=3.00 avg300=3.00 total=4',
        'full avg10=3.50 avg60=3.50 avg300=3.50 total=5',
      ].join('\n'),
      want: {
        available: true,
        cpu: { some: some(1, 1, 1, 1, 1) },
        io: { some: some(2, 2, 2, 2, 3) },
        memory: { full: some(3.5, 3.5, 3.5, 5, 6) },
      },
    },
    {
      name: 'unknown measurement types are ignored',
      text: '## cpu\nnonsense haha test=fake\nsome avg10=0.00 avg60=0.00 avg300=0.00 total=7\n',
      want: { available: true, cpu: { some: some(0, 0, 0, 7, 3) } },
    },
    {
      name: 'a malformed line rejects its whole file',
      text: '## io\nsome avg10=0.10 avg60=2.00 avg300=3.85 total=1\nfull avg10=0.20 avg60=3.00 avg300=test total=25\n',
      want: { available: true },
      warnings: 1,
    },
    {
      name: 'a truncated last line is malformed',
      text: '## io\nsome avg10=0.10 avg60=2.00 avg300=3.85 total=1\nfull avg10=0.20 avg6',
      want: { available: true },
      warnings: 1,
    },
  ];
  it.each(cases)('$name', ({ text, want, warnings = 0 }) => {
    const r = parsePsi(text);
    expect(r.value).toMatchObject(want);
    expect(r.warnings).toHaveLength(warnings);
    if (warnings) expect(r.warnings[0]).toMatchObject({ probe: 'psi', line: expect.any(Number) });
  });

  it('keeps a single unlabelled file as unnamed, without guessing its resource', () => {
    const r = parsePsi('some avg10=1.00 avg60=2.00 avg300=3.00 total=4\n');
    expect(r.value.available).toBe(true);
    expect(r.value.unlabelled?.some).toMatchObject({ avg10: 1, avg60: 2, avg300: 3, total: 4, line: 1 });
    expect(r.value.io).toBeUndefined();
    expect(r.warnings[0]!.message).toMatch(/without a resource name/);
  });

  it('a malformed file does not hide the other resources', () => {
    const r = parsePsi(
      '## cpu\nsome avg10=x avg60=1 avg300=1 total=1\n## io\nsome avg10=1.00 avg60=1.00 avg300=1.00 total=1\n',
    );
    expect(r.value.cpu).toBeUndefined();
    expect(r.value.io?.some?.total).toBe(1);
    expect(r.warnings.map((w) => w.line)).toEqual([2]);
  });
});
