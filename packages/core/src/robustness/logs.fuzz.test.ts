import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseDmesg, parseKubeletLog, parseRuntimeLog } from '../logs/index.ts';
import type { LogEvent } from '../model/node-state.ts';
import { checkParse, ensure, joinLines, mutated, runFuzz, word } from './fuzz-harness.test-support.ts';

/** Kernel and kubelet logs from their line grammars (every timestamp prefix), then mutated. */

const pad2 = (n: number) => String(n).padStart(2, '0');
const month = fc.integer({ min: 1, max: 12 });
const day = fc.integer({ min: 1, max: 28 });
const hms = fc.tuple(
  fc.integer({ min: 0, max: 23 }),
  fc.integer({ min: 0, max: 59 }),
  fc.integer({ min: 0, max: 59 }),
);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const message = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ')),
  fc.constantFrom(
    'EXT4-fs error (device vdb): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0',
    'Memory cgroup out of memory: Killed process 1234 (java) total-vm:100kB',
    'SLUB: Unable to allocate memory on node -1, gfp=0x8020(GFP_ATOMIC)',
    'INFO: task kworker/0:1:42 blocked for more than 120 seconds.',
    'nfs: server 10.0.0.1 not responding, still trying',
  ),
);

// dmesg: raw `[  123.456789]`, -T ctime, --time-format iso, -H relative, syslog and priority prefixes.
const dmesgPrefix = fc.oneof(
  fc
    .tuple(fc.nat({ max: 9999999 }), fc.nat({ max: 999999 }))
    .map(([s, us]) => `[${String(s).padStart(5)}.${String(us).padStart(6, '0')}] `),
  fc
    .tuple(fc.nat({ max: 6 }), month, day, hms, fc.integer({ min: 2000, max: 2030 }))
    .map(
      ([d, m, dd, [h, mi, s], y]) =>
        `[${DAYS[d]} ${MONTHS[m - 1]} ${pad2(dd)} ${pad2(h)}:${pad2(mi)}:${pad2(s)} ${y}] `,
    ),
  fc
    .tuple(month, day, hms, fc.nat({ max: 999999 }))
    .map(
      ([m, d, [h, mi, s], us]) =>
        `2026-${pad2(m)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(s)},${String(us).padStart(6, '0')}+00:00 `,
    ),
  fc.tuple(month, day, hms).map(([m, d, [h, mi]]) => `[${MONTHS[m - 1]}${d} ${pad2(h)}:${pad2(mi)}] `),
  fc.nat({ max: 99 }).map((n) => `[  +0.${String(n).padStart(6, '0')}] `),
  fc
    .tuple(month, day, hms, word)
    .map(
      ([m, d, [h, mi, s], host]) =>
        `${MONTHS[m - 1]} ${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(s)} ${host} kernel: `,
    ),
  fc.integer({ min: 0, max: 7 }).map((p) => `<${p}>`),
  fc.constantFrom('kern  :err   : ', 'kern  :warn  : ', '', ' '),
);
const dmesgText = joinLines(
  fc.array(
    fc.tuple(dmesgPrefix, message).map(([p, m]) => p + m),
    { maxLength: 25 },
  ),
);

// klog: Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg, plain or structured, optionally journal-prefixed.
const klogHeader = fc
  .tuple(
    fc.constantFrom('I', 'W', 'E', 'F'),
    month,
    day,
    hms,
    fc.nat({ max: 999999 }),
    fc.nat({ max: 4194304 }),
    word,
    fc.nat({ max: 9999 }),
  )
  .map(
    ([l, m, d, [h, mi, s], us, tid, file, line]) =>
      `${l}${pad2(m)}${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(s)}.${String(us).padStart(6, '0')} ${String(tid).padStart(7)} ${file}.go:${line}] `,
  );
const klogBody = fc.oneof(
  message,
  fc
    .tuple(message, fc.array(fc.tuple(word, message), { maxLength: 4 }))
    .map(([m, kv]) => `"${m}" ${kv.map(([k, v]) => `${k}="${v}"`).join(' ')}`),
  fc.constantFrom('"Error syncing pod, skipping" err="failed to \\"StartContainer\\"" pod="ns/p" podUID=abc'),
);
const journal = fc.oneof(
  fc.constant(''),
  fc
    .tuple(month, day, hms, word, fc.nat({ max: 99999 }))
    .map(
      ([m, d, [h, mi, s], host, pid]) =>
        `${MONTHS[m - 1]} ${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(s)} ${host} kubelet[${pid}]: `,
    ),
);
// A record: one header line, then wrapped continuation lines.
const klogText = joinLines(
  fc.array(
    fc
      .tuple(fc.tuple(journal, klogHeader, klogBody), fc.array(message, { maxLength: 2 }))
      .map(([head, cont]) => [head.join(''), ...cont.map((m) => `\t${m}`)].join('\n')),
    { maxLength: 12 },
  ),
);
const runtimeText = joinLines(
  fc.array(
    fc
      .tuple(fc.constantFrom('error', 'warning', 'info'), message, fc.boolean())
      .map(([l, m, tty]) =>
        tty
          ? `${l.slice(0, 4).toUpperCase()}[0000] ${m}`
          : `time="2026-01-01T00:00:00.000000000Z" level=${l} msg="${m}"`,
      ),
    { maxLength: 20 },
  ),
);

const eventShape = (v: LogEvent[]) => {
  ensure(Array.isArray(v), 'value is not an array');
  let last = 0;
  for (const e of v) {
    ensure(typeof e.message === 'string', 'event without a message');
    ensure(Number.isInteger(e.line) && e.line >= 1 && e.line >= last, `event line ${e.line} out of order`);
    ensure(Number.isInteger(e.lineCount) && e.lineCount >= 1, `bad lineCount ${e.lineCount}`);
    ensure(e.time === undefined || Number.isFinite(Date.parse(e.time)), `unreadable time ${e.time}`);
    last = e.line;
  }
};

describe('log parsers fuzzing', () => {
  it('dmesg: every generated line lands in exactly one event', () => {
    runFuzz('dmesg', 'generated', dmesgText, (t) => {
      const r = checkParse((x) => parseDmesg(x), t, eventShape);
      const lines = t.split('\n').filter((l) => l.trim() !== '').length;
      const folded = r.value.reduce((n, e) => n + e.lineCount, 0);
      ensure(folded === lines, `${lines} lines, ${folded} folded into events`);
    });
  });
  it('dmesg: never throws on mutated logs', () => {
    runFuzz('dmesg', 'mutated', mutated(dmesgText), (t) => checkParse((x) => parseDmesg(x), t, eventShape));
  });
  it('kubelet log: every generated klog header starts an event with its level', () => {
    runFuzz('kubelet-log', 'generated', klogText, (t) => {
      const r = checkParse((x) => parseKubeletLog(x), t, eventShape);
      const headers = t
        .split('\n')
        .filter((l) => /^(\w{3} \d\d [\d:]{8} \S+ kubelet\[\d+\]: )?[IWEF]\d{4} /.test(l));
      ensure(r.value.length === headers.length, `${headers.length} klog headers, ${r.value.length} events`);
      headers.forEach((h, i) => {
        const level = /([IWEF])\d{4} /.exec(h)?.[1];
        ensure(
          r.value[i]?.level === level,
          `event ${i} has level ${r.value[i]?.level}, header says ${level}`,
        );
      });
    });
  });
  it('kubelet log: never throws on mutated logs', () => {
    runFuzz('kubelet-log', 'mutated', mutated(klogText), (t) =>
      checkParse((x) => parseKubeletLog(x), t, eventShape),
    );
  });
  it('runtime log: never throws on mutated logs', () => {
    runFuzz('runtime-log', 'mutated', mutated(runtimeText), (t) =>
      checkParse((x) => parseRuntimeLog(x), t, eventShape),
    );
  });
});
