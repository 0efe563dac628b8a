import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { CgroupState, PressureState, ProcessEntry } from '../model/node-state.ts';
import { parseCgroups, parseProcesses, parsePsi } from '../parsers/index.ts';
import {
  checkParse,
  ensure,
  joinLines,
  mutated,
  runFuzz,
  smallUint,
  word,
} from './fuzz-harness.test-support.ts';

/** ps tables, /proc/cgroups and PSI files from their grammars, then mutated. */

// --- ps -eo pid,ppid,stat,etimes,nlwp,pcpu,rss,wchan:32,args -----------------------------------
const COLUMNS = ['PID', 'PPID', 'STAT', 'ELAPSED', 'NLWP', '%CPU', 'RSS', 'WCHAN', 'COMMAND'];
const stat = fc
  .tuple(
    fc.constantFrom('R', 'S', 'D', 'Z', 'T', 't', 'I', 'X'),
    fc.array(fc.constantFrom('<', 'N', 'L', 's', 'l', '+'), { maxLength: 4 }),
  )
  .map(([s, f]) => s + f.join(''));
const command = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => `/usr/bin/${ws.join(' ')}`),
  word.map((w) => `[${w}]`),
  fc.constant('/pause'),
);
const psRow = fc
  .tuple(
    smallUint,
    smallUint,
    stat,
    smallUint,
    fc.integer({ min: 1, max: 500 }),
    fc.double({ min: 0, max: 800, noNaN: true }),
    smallUint,
    fc.oneof(word, fc.constant('-')),
    command,
  )
  .map(([pid, ppid, st, el, nlwp, cpu, rss, wchan, cmd]) =>
    [pid, ppid, st, el, nlwp, cpu.toFixed(1), rss, wchan, cmd].map(String).join('  '),
  );
const psTable = fc.tuple(fc.array(psRow, { maxLength: 20 }), fc.boolean()).map(([rows, aux]) => {
  const header = aux ? 'USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND' : COLUMNS.join('  ');
  return [header, ...rows].join('\n');
});

// --- /proc/cgroups ------------------------------------------------------------------------------
const subsys = fc.constantFrom(
  'cpuset',
  'cpu',
  'cpuacct',
  'blkio',
  'memory',
  'devices',
  'freezer',
  'net_cls',
  'pids',
  'hugetlb',
  'rdma',
  'misc',
);
const cgroupRow = fc
  .tuple(subsys, fc.integer({ min: 0, max: 13 }), fc.nat({ max: 200000 }), fc.constantFrom(0, 1))
  .map((r) => r.join('\t'));
const cgroupsText = fc
  .tuple(
    fc.array(cgroupRow, { maxLength: 14 }),
    fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom('memory', 'cpu', 'unified'), fc.nat()).map(([s, n]) => `## dirs ${s} ${n}`),
        fc
          .tuple(fc.nat(), fc.nat())
          .map(([a, b]) => `## cgroup.stat\nnr_descendants ${a}\nnr_dying_descendants ${b}`),
        fc.constantFrom('slabinfo=readable', 'limit_in_bytes=9223372036854771712', '## kmem /kubepods'),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([rows, extra]) =>
    ['## /proc/cgroups', '#subsys_name\thierarchy\tnum_cgroups\tenabled', ...rows, ...extra].join('\n'),
  );

// --- /proc/pressure/* ---------------------------------------------------------------------------
const avg = fc.integer({ min: 0, max: 10000 }).map((n) => (n / 100).toFixed(2));
const psiLine = (kind: 'some' | 'full') =>
  fc
    .tuple(avg, avg, avg, fc.nat())
    .map(([a, b, c, t]) => `${kind} avg10=${a} avg60=${b} avg300=${c} total=${t}`);
const psiFile = fc
  .tuple(fc.constantFrom('cpu', 'memory', 'io'), psiLine('some'), fc.option(psiLine('full')))
  .map(([r, some, full]) => [`## ${r}`, some, ...(full ? [full] : [])].join('\n'));
const psiText = joinLines(fc.array(psiFile, { maxLength: 3 }));

const processShape = (v: ProcessEntry[]) => {
  ensure(Array.isArray(v), 'value is not an array');
  for (const p of v) ensure(Number.isInteger(p.pid) && typeof p.stateRaw === 'string', 'bad process row');
};
const cgroupShape = (v: CgroupState) => {
  ensure(Array.isArray(v.hierarchies), 'hierarchies is not an array');
  ensure(typeof v.dirCounts === 'object' && v.dirCounts !== null, 'dirCounts is not an object');
};
const psiShape = (v: PressureState) => {
  ensure(typeof v.available === 'boolean', 'available is not a boolean');
  for (const r of [v.cpu, v.memory, v.io, v.unlabelled])
    for (const l of [r?.some, r?.full])
      if (l) ensure([l.avg10, l.avg60, l.avg300, l.total].every(Number.isFinite), 'non-finite PSI figure');
};

describe('table parsers fuzzing', () => {
  it('processes: never throws on generated and mutated ps tables', () => {
    runFuzz('processes', 'mutated', mutated(psTable), (t) => checkParse(parseProcesses, t, processShape));
  });
  it('cgroups: never throws on generated and mutated /proc/cgroups', () => {
    runFuzz('cgroups', 'mutated', mutated(cgroupsText), (t) => checkParse(parseCgroups, t, cgroupShape));
  });
  it('psi: reads every generated file back', () => {
    runFuzz('psi', 'generated', psiText, (t) => {
      const r = checkParse(parsePsi, t, psiShape);
      // Every "## <resource>\nsome avg10=X" the grammar printed is read back with that figure.
      for (const m of t.matchAll(/^## (cpu|memory|io)\nsome /gm)) {
        const res = r.value[m[1] as 'cpu' | 'memory' | 'io'];
        ensure(res?.some !== undefined, `no ${m[1]} some line read`);
      }
    });
  });
  it('psi: never throws on mutated files', () => {
    runFuzz('psi', 'mutated', mutated(psiText), (t) => checkParse(parsePsi, t, psiShape));
  });
});
