import fc from 'fast-check';
import { describe, it } from 'vitest';
import { detectKind } from '../bundle/detect-kind.ts';
import { fixture } from '../parsers/fixtures/load.test-support.ts';
import {
  parseBlockdev,
  parseContainers,
  parseKubeletProc,
  parseSystem,
  parseSystemd,
} from '../parsers/index.ts';
import {
  checkParse,
  cpuMs,
  ensure,
  MAX_CPU_MS_PER_INPUT,
  mutated,
  runFuzz,
} from './fuzz-harness.test-support.ts';

/**
 * The parsers whose formats are small key=value or JSON outputs: real captured outputs (the
 * parser fixtures) through the mutation layer, and the content-kind detection on all of them.
 */

const seeds = (...names: string[]) => mutated(fc.constantFrom(...names.map(fixture)));

const SUBJECTS = [
  { name: 'system', parse: parseSystem, input: seeds('real-system.txt') },
  { name: 'systemd', parse: parseSystemd, input: seeds('real-systemd.txt') },
  {
    name: 'blockdev',
    parse: parseBlockdev,
    input: seeds('real-lsblk.json', 'real-lsblk-tree.txt', 'real-partitions.txt', 'lsblk-human-sizes.json'),
  },
  {
    name: 'containers',
    parse: parseContainers,
    input: seeds('containers-docker-incident-a.txt', 'containers-crictl.txt'),
  },
  { name: 'kubelet-proc', parse: parseKubeletProc, input: seeds('kubelet-proc-incident-a.txt') },
];

describe('fixture-seeded fuzzing', () => {
  for (const s of SUBJECTS) {
    it(`${s.name}: never throws, keeps its shape and its time on mutated real output`, () => {
      runFuzz(s.name, 'mutated', s.input, (t) =>
        checkParse(s.parse as (text: string) => ReturnType<typeof parseSystem>, t, (v) =>
          ensure(v !== undefined && v !== null, 'no value'),
        ),
      );
    });
  }

  it('detect-kind: never throws and answers a known kind or nothing', () => {
    const any = fc.oneof(
      ...SUBJECTS.map((s) => s.input),
      seeds('real-mountinfo.txt', 'real-psi.txt', 'real-cgroups.txt'),
    );
    runFuzz('detect-kind', 'mutated', any, (t) => {
      let kind: ReturnType<typeof detectKind>;
      const ms = cpuMs(() => {
        kind = detectKind(t);
      });
      ensure(ms < MAX_CPU_MS_PER_INPUT, `${ms.toFixed(0)} ms of CPU for one input of ${t.length} chars`);
      ensure(
        kind === undefined || (typeof kind.kind === 'string' && typeof kind.reason === 'string'),
        'bad kind',
      );
    });
  });
});
