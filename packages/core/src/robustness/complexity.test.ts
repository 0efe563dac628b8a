import { describe, expect, it } from 'vitest';
import { detectKind } from '../bundle/detect-kind.ts';
import { parseBundle } from '../bundle/index.ts';
import { parseDmesg, parseKubeletLog, parseRuntimeLog } from '../logs/index.ts';
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
} from '../parsers/index.ts';
import { COMMON_SHAPES, repeatTo, type Shape } from './adversarial-shapes.ts';
import { growth, looksLinear } from './linear-time.test-support.ts';

/**
 * Every parser and the content-kind detection, on every adversarial shape at N and 4N
 * characters: four times the input must cost about four times the time (ratio < 6, or the
 * large run under a floor where timer noise dominates), and the large input must finish
 * within a fixed budget. A parser that searches past its line or backtracks inside one takes
 * 16x the time on 4x the input and fails both checks.
 */
const N = 32 * 1024;
const MAX_RATIO = 6;
const FLOOR_MS = 25;
const BUDGET_MS = 150;

interface Subject {
  name: string;
  run: (text: string) => unknown;
  shapes: Shape[];
}

const MOUNT = '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n';
const bundleOf = (probe: string, body: string) =>
  `#nodescope-bundle v1\n#node: n1\n#taken-at: 2026-01-01T00:00:00Z\n#boundary: b\n--b probe=${probe} exit=0\n${body}\n--b--\n`;

const SUBJECTS: Subject[] = [
  {
    name: 'mountinfo',
    run: parseMountinfo,
    shapes: [
      { name: 'valid lines', build: (n) => repeatTo(MOUNT, n) },
      { name: 'no colon in the device', build: (n) => repeatTo('36 35 98 /a /b rw - ext4 /dev/x rw\n', n) },
      { name: 'nothing after the separator', build: (n) => repeatTo('36 35 98:0 /a /b rw -\n', n) },
      { name: 'no space after the separator', build: (n) => repeatTo('36 35 98:0 /a /b rw - ext4\n', n) },
      {
        name: 'many optional fields',
        build: (n) => `36 35 98:0 / / rw ${repeatTo('shared:1 ', n - 60)}- x y z\n`,
      },
      { name: 'octal escapes', build: (n) => `36 35 98:0 / ${repeatTo('\\040', n - 60)} rw - x y z\n` },
    ],
  },
  {
    name: 'mountinfo-ns',
    run: parseMountinfoNs,
    shapes: [
      {
        name: 'many namespaces',
        build: (n) => repeatTo(`## ns=mnt:[4026532201] pid=12 comm=fluent\n${MOUNT}`, n),
      },
      { name: 'headers without fields', build: (n) => repeatTo('## ns=\n', n) },
      {
        name: 'no-separator mounts',
        build: (n) => `## ns=mnt:[1] pid=1 comm=x\n${repeatTo('1 2 3 4 5 6 7\n', n)}`,
      },
    ],
  },
  {
    name: 'processes',
    run: parseProcesses,
    shapes: [
      {
        name: 'many rows',
        build: (n) =>
          `  PID  PPID STAT ELAPSED NLWP %CPU   RSS WCHAN   COMMAND\n${repeatTo('  12     1 S      100    1  0.0  1000 -       /bin/sleep 100\n', n)}`,
      },
      { name: 'one row of many tokens', build: (n) => `PID COMMAND\n1 ${repeatTo('x ', n)}` },
      { name: 'many header lines', build: (n) => repeatTo('PID PPID COMMAND\n', n) },
      {
        name: 'headerless ps aux rows',
        build: (n) => repeatTo('root 1 0.0 0.1 1000 200 ? Ss 10:00 0:01 /sbin/init\n', n),
      },
    ],
  },
  {
    name: 'system',
    run: parseSystem,
    shapes: [
      {
        name: 'long versions',
        build: (n) => `kubelet_version=${'1'.repeat(n)}\ncontainerd_version=${'1'.repeat(n)}\n`,
      },
    ],
  },
  {
    name: 'systemd',
    run: parseSystemd,
    shapes: [{ name: 'long ping output', build: (n) => `ping_rc=1\nping_output=${repeatTo('x\n', n)}` }],
  },
  {
    name: 'kubelet-proc',
    run: parseKubeletProc,
    shapes: [{ name: 'long sample', build: (n) => `cpu_ticks=1 ${repeatTo('a=1 ', n)}\n` }],
  },
  {
    name: 'blockdev',
    run: parseBlockdev,
    shapes: [
      {
        name: 'tree rows',
        build: (n) =>
          `NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINT\n${repeatTo('└─vda1 252:1 0 10G 0 part /\n', n)}`,
      },
      {
        name: 'deep tree drawing',
        build: (n) => `NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINT\n${repeatTo('│ ', n)}vda\n`,
      },
      {
        name: 'cut JSON',
        build: (n) => `{"blockdevices": [\n${repeatTo('{"name": "vda", "maj:min": "252:0",\n', n)}`,
      },
      {
        name: 'partitions',
        build: (n) => `major minor  #blocks  name\n${repeatTo(' 252 1 1000 vda1\n', n)}`,
      },
    ],
  },
  {
    name: 'psi',
    run: parsePsi,
    shapes: [
      { name: 'many lines', build: (n) => repeatTo('some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n', n) },
    ],
  },
  {
    name: 'cgroups',
    run: parseCgroups,
    shapes: [
      {
        name: 'many rows',
        build: (n) =>
          `#subsys_name\thierarchy\tnum_cgroups\tenabled\n${repeatTo('memory\t11\t65535\t1\n', n)}`,
      },
      { name: 'many sections', build: (n) => repeatTo('## dirs memory 12\n', n) },
    ],
  },
  {
    name: 'containers',
    run: parseContainers,
    shapes: [
      {
        name: 'many crictl containers',
        build: (n) => {
          const one = (i: number) =>
            `  {\n   "id": "${i.toString(16).padStart(12, '0')}",\n   "state": "CONTAINER_RUNNING"\n  }`;
          const parts: string[] = [];
          for (let i = 0, len = 0; len < n; i++) {
            const s = one(i);
            parts.push(s);
            len += s.length + 2;
          }
          return `## crictl ps -a\n{\n "containers": [\n${parts.join(',\n')}\n ]\n}\n`;
        },
      },
      {
        name: 'many inspect lines and docker rows',
        build: (n) => {
          const rows: string[] = [];
          const ins: string[] = [];
          for (let i = 0, len = 0; len < n; i++) {
            const id = i.toString(16).padStart(12, '0');
            rows.push(`{"ID":"${id}","State":"running","Status":"Up 1 hour"}`);
            ins.push(`${id}aa running ""`);
            len += 80;
          }
          return `## docker ps -a\n${rows.join('\n')}\n## docker inspect\n${ins.join('\n')}\n`;
        },
      },
      {
        name: 'table rows',
        build: (n) =>
          `CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES\n${repeatTo('0123456789ab   img   "sh"   1h   Up 1h      k8s_a_b_c_d_0\n', n)}`,
      },
    ],
  },
  {
    name: 'dmesg',
    run: (t) => parseDmesg(t),
    shapes: [
      { name: 'raw lines', build: (n) => repeatTo('[  123.456789] EXT4-fs (vdb): mounted filesystem\n', n) },
      {
        name: 'one block, many continuation lines',
        build: (n) => `[ 1.0] SLUB: Unable to allocate memory\n${repeatTo('[ 1.0]  cache: x\n', n)}`,
      },
      { name: 'wrapped lines', build: (n) => `[ 1.0] start\n${repeatTo('wrapped\n', n)}` },
      { name: 'syslog prefixes', build: (n) => repeatTo('Apr 14 02:46:12 node1 kernel: [123.456] msg\n', n) },
    ],
  },
  {
    name: 'kubelet-log',
    run: (t) => parseKubeletLog(t),
    shapes: [
      {
        name: 'klog lines',
        build: (n) =>
          repeatTo(
            'E0412 15:28:39.437193 3237254 nested.go:301] "Error syncing pod" pod="ns/p" err="x"\n',
            n,
          ),
      },
      {
        name: 'structured klog, many wrapped lines',
        build: (n) => `I0412 15:28:39.437193 1 a.go:1] "msg" err="${repeatTo('wrapped\n', n)}`,
      },
      {
        name: 'unterminated quotes',
        build: (n) => `I0412 15:28:39.437193 1 a.go:1] "msg" ${repeatTo('k="v ', n)}\n`,
      },
      {
        name: 'journal prefixes',
        build: (n) =>
          repeatTo('Apr 14 02:46:12 node1 kubelet[123]: I0412 15:28:39.437193 1 a.go:1] msg\n', n),
      },
    ],
  },
  {
    name: 'runtime-log',
    run: (t) => parseRuntimeLog(t),
    shapes: [
      {
        name: 'logfmt lines',
        build: (n) => repeatTo('time="2026-01-01T00:00:00Z" level=error msg="x" error="y"\n', n),
      },
      { name: 'TTY line with a long space run', build: (n) => `ERRO[0000] msg${' '.repeat(n)}x\n` },
      {
        name: 'wrapped record',
        build: (n) => `time="2026-01-01T00:00:00Z" level=error msg="${repeatTo('w\n', n)}`,
      },
      { name: 'JSON with many levels', build: (n) => `{${repeatTo('"level":"a",', n)}\n` },
    ],
  },
  {
    name: 'bundle',
    run: parseBundle,
    shapes: [
      { name: 'many sections', build: (n) => bundleOf('system', repeatTo('x\n--b probe=psi exit=0\n', n)) },
      { name: 'many unknown sections', build: (n) => bundleOf('system', repeatTo('--b probe=nope\n', n)) },
      { name: 'boundary-like lines', build: (n) => bundleOf('system', repeatTo('--bx\n', n)) },
      {
        name: 'long section header',
        build: (n) => bundleOf('system', '').replace('exit=0', repeatTo('k=v ', n)),
      },
      { name: 'many header lines', build: (n) => `#nodescope-bundle v1\n${repeatTo('#x: y\n', n)}` },
      { name: 'magic mentioned mid-line', build: (n) => repeatTo('x #nodescope-bundle ', n) },
    ],
  },
  {
    name: 'detect-kind',
    run: detectKind,
    shapes: [
      { name: 'whitespace lines', build: (n) => repeatTo(' \n', n) },
      { name: 'JSON with many levels', build: (n) => `{${repeatTo('"level":"a",', n)}\n` },
      { name: 'JSON with many names', build: (n) => `{${repeatTo('"Names":"a",', n)}\n` },
      { name: 'journal-like words', build: (n) => repeatTo('a ', n) },
    ],
  },
];

describe('parsers and detection stay linear on adversarial input', () => {
  for (const s of SUBJECTS) {
    describe(s.name, () => {
      for (const shape of [...COMMON_SHAPES, ...s.shapes]) {
        it(shape.name, () => {
          const small = shape.build(N);
          const large = shape.build(4 * N);
          // Up to three measurements: a linear parser passes on one of them even when the machine
          // is busy; a quadratic one fails all three, each time by the same wide margin.
          let g = growth(s.run, small, large, 4, BUDGET_MS);
          for (let i = 0; i < 2 && !looksLinear(g, MAX_RATIO, FLOOR_MS) && g.largeMs < 4 * BUDGET_MS; i++) {
            const again = growth(s.run, small, large, 4, BUDGET_MS);
            if (again.ratio < g.ratio) g = again;
          }
          const figures = `${s.name} / ${shape.name}: ${g.smallMs.toFixed(2)} ms at ${small.length} chars, ${g.largeMs.toFixed(2)} ms at ${large.length} chars (x${g.ratio.toFixed(1)})`;
          expect(looksLinear(g, MAX_RATIO, FLOOR_MS), figures).toBe(true);
          expect(g.largeMs, figures).toBeLessThan(BUDGET_MS);
        });
      }
    });
  }
});
