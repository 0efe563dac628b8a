import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeId } from '../model/probe-id.ts';
import type { ParseResult } from '../model/warning.ts';
import { fixture } from './fixtures/load.test-support.ts';
import {
  parseBlockdev,
  parseCgroups,
  parseContainers,
  parseKubeletProc,
  parseMountinfo,
  parseMountinfoNs,
  parseProcesses,
  parsePsi,
  parseSystem,
  parseSystemd,
} from './index.ts';

interface Subject {
  probe: ProbeId;
  parse: (text: string) => ParseResult<unknown>;
  fixtures: string[];
}

const SUBJECTS: Subject[] = [
  { probe: 'system', parse: parseSystem, fixtures: ['real-system.txt'] },
  { probe: 'mountinfo', parse: parseMountinfo, fixtures: ['real-mountinfo.txt'] },
  { probe: 'mountinfo-ns', parse: parseMountinfoNs, fixtures: ['real-mountinfo-ns.txt'] },
  {
    probe: 'blockdev',
    parse: parseBlockdev,
    fixtures: ['real-lsblk.json', 'real-lsblk-tree.txt', 'real-partitions.txt', 'lsblk-human-sizes.json'],
  },
  {
    probe: 'processes',
    parse: parseProcesses,
    fixtures: [
      'real-processes.txt',
      'real-ps-aux.txt',
      'real-ps-elf.txt',
      'real-top.txt',
      'ps-aux-grep-incident-a.txt',
    ],
  },
  { probe: 'cgroups', parse: parseCgroups, fixtures: ['real-cgroups.txt'] },
  { probe: 'psi', parse: parsePsi, fixtures: ['real-psi.txt'] },
  {
    probe: 'containers',
    parse: parseContainers,
    fixtures: ['containers-docker-incident-a.txt', 'containers-crictl.txt'],
  },
  { probe: 'systemd', parse: parseSystemd, fixtures: ['real-systemd.txt'] },
  { probe: 'kubelet-proc', parse: parseKubeletProc, fixtures: ['kubelet-proc-incident-a.txt'] },
];

/** Every parser answers with a value and well-formed warnings, whatever the input. */
function checkResult(s: Subject, text: string): void {
  const r = s.parse(text);
  expect(r.value).toBeDefined();
  const lines = text.split('\n').length;
  for (const w of r.warnings) {
    expect(w.probe).toBe(s.probe);
    expect(typeof w.message).toBe('string');
    if (w.line !== undefined) {
      expect(Number.isInteger(w.line)).toBe(true);
      expect(w.line).toBeGreaterThanOrEqual(1);
      expect(w.line).toBeLessThanOrEqual(lines);
    }
  }
}

// Fragments of real probe output, so random texts reach deep parser paths, not just the first check.
const FRAGMENTS = [
  '## ',
  '## cpu',
  '## io',
  '## ns=mnt:[4026532201] pid=1 comm=x',
  '## dirs memory 5',
  '## kmem /x',
  '## docker ps -a',
  '## docker inspect',
  '## crictl ps -a',
  '## failed units',
  '## meminfo',
  '{',
  '}',
  '{"containers":[',
  '{"ID":"abc","State":"dead"}',
  '"name": "vda",',
  '"mountpoints": [',
  ']',
  'PID PPID STAT ELAPSED NLWP %CPU RSS WCHAN COMMAND',
  '  PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND',
  'NAME MAJ:MIN TYPE MOUNTPOINT',
  'CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES',
  'major minor  #blocks  name',
  '1 0 8:1 / / rw shared:1 - ext4 /dev/sda1 rw',
  ' - ',
  '\\040',
  'some avg10=1 avg60=2 avg300=3 total=4',
  'full avg10=x',
  'limit_in_bytes=1',
  'slabinfo=readable',
  'nr_dying_descendants 9',
  'ping_rc=124 ping_ms=5003',
  'ping_output=timed out',
  'cpu_ticks=1 hz=0',
  'VmRSS: 1 kB',
  'memory\t7\t109\t1',
  '├─',
  '`-',
  '[',
  ' ',
  '\t',
  '\r',
  '',
];

const structured = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 30 }),
    fc.constantFrom('\n', ' ', ''),
  )
  .map(([parts, sep]) => parts.join(sep));

describe.each(SUBJECTS)('$probe parser never throws', (s) => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => checkResult(s, text)),
      { numRuns: 300 },
    );
  });

  it('on random arrangements of real output fragments', () => {
    fc.assert(
      fc.property(structured, (text) => checkResult(s, text)),
      { numRuns: 300 },
    );
  });

  it('on truncated prefixes of its fixtures', () => {
    for (const name of s.fixtures) {
      const text = fixture(name);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: text.length }), (n) => checkResult(s, text.slice(0, n))),
        { numRuns: 150 },
      );
    }
  });
});
