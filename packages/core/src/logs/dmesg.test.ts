import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../model/node-state.ts';
import { parseDmesg } from './dmesg.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const ctx = { referenceTime: '2026-11-22T10:00:00Z', bootTime: '2026-11-22T09:00:00Z' };

describe('parseDmesg: one line in each timestamp form', () => {
  const cases: { name: string; line: string; want: Partial<LogEvent> }[] = [
    {
      name: 'raw monotonic, time from bootTime',
      line: '[ 2131.101551] EXT4-fs (vdb): Remounting filesystem read-only',
      want: {
        monotonic: 2131.101551,
        time: '2026-11-22T09:35:31.102Z',
        message: 'EXT4-fs (vdb): Remounting filesystem read-only',
      },
    },
    {
      name: 'dmesg -T, English, space-padded day',
      line: '[Mon Apr  8 10:19:21 2024] Aborting journal on device vdfiw-8.',
      want: { time: '2024-04-08T10:19:21.000Z', message: 'Aborting journal on device vdfiw-8.' },
    },
    {
      name: 'dmesg -T, German',
      line: '[Di Mär 14 02:46:12 2023] XFS (vdb): Log I/O Error Detected. Shutting down filesystem',
      want: {
        time: '2023-03-14T02:46:12.000Z',
        message: 'XFS (vdb): Log I/O Error Detected. Shutting down filesystem',
      },
    },
    {
      name: 'dmesg -T, French with dots',
      line: '[mar. févr. 14 02:46:12 2023] blk_update_request: I/O error, dev vdb, sector 88008',
      want: {
        time: '2023-02-14T02:46:12.000Z',
        message: 'blk_update_request: I/O error, dev vdb, sector 88008',
      },
    },
    {
      name: 'dmesg -T, Spanish',
      line: '[mié dic  6 23:59:59 2023] Buffer I/O error on dev vdb, logical block 0',
      want: { time: '2023-12-06T23:59:59.000Z' },
    },
    {
      name: 'dmesg -T, unknown weekday token ignored',
      line: '[Xyz Oct 14 02:46:12 2020] hello',
      want: { time: '2020-10-14T02:46:12.000Z', message: 'hello' },
    },
    {
      name: 'dmesg --time-format iso (the probe format)',
      line: '2026-11-22T10:00:00,123456+01:00 EXT4-fs (vdfiw): Remounting filesystem read-only',
      want: { time: '2026-11-22T09:00:00.123Z', message: 'EXT4-fs (vdfiw): Remounting filesystem read-only' },
    },
    {
      name: 'iso line whose message looks like "host ident[pid]:" (real capture)',
      line: '2026-11-22T11:02:11,263321+00:00 x86/fpu: xstate_offset[2]:  576, xstate_sizes[2]:  256',
      want: {
        time: '2026-11-22T11:02:11.263Z',
        message: 'x86/fpu: xstate_offset[2]:  576, xstate_sizes[2]:  256',
      },
    },
    {
      name: 'raw audit line',
      line: '[ 9.5] audit: type=1400 audit(1795341600.123:45): apparmor="STATUS" operation="profile_load"',
      want: {
        monotonic: 9.5,
        message: 'audit: type=1400 audit(1795341600.123:45): apparmor="STATUS" operation="profile_load"',
      },
    },
    {
      name: 'syslog kernel line with monotonic',
      line: 'Apr 14 02:46:12 node1 kernel: [123.456] SLUB: Unable to allocate memory on node -1 (gfp=0x8020)',
      want: {
        time: '2026-04-14T02:46:12.000Z',
        monotonic: 123.456,
        unit: 'kernel',
        message: 'SLUB: Unable to allocate memory on node -1 (gfp=0x8020)',
      },
    },
    {
      name: 'syslog date after the reference goes to the previous year',
      line: 'Dec 31 23:00:00 node1 kernel: XFS (vdb): xfs_log_force: error -5 returned.',
      want: { time: '2025-12-31T23:00:00.000Z', unit: 'kernel' },
    },
    {
      name: 'journalctl -k -o short-iso',
      line: '2026-11-22T10:00:00+0000 worker-17 kernel: EXT4-fs error (device vdb): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0',
      want: { time: '2026-11-22T10:00:00.000Z', unit: 'kernel' },
    },
    {
      name: 'journalctl -k -o short-precise',
      line: 'Nov 22 09:59:58.123456 worker-17 kernel: JBD2: Error -5 detected when updating journal superblock for vdfiw-8.',
      want: {
        time: '2026-11-22T09:59:58.123Z',
        message: 'JBD2: Error -5 detected when updating journal superblock for vdfiw-8.',
      },
    },
    {
      name: 'journalctl -o short-monotonic',
      line: '[ 3600.000001] worker-17 kernel: hello',
      want: { monotonic: 3600.000001, time: '2026-11-22T10:00:00.000Z', unit: 'kernel', message: 'hello' },
    },
    {
      name: 'journalctl -k -o json',
      line: '{"__REALTIME_TIMESTAMP":"1795341600000000","_TRANSPORT":"kernel","SYSLOG_IDENTIFIER":"kernel","MESSAGE":"XFS (vdb): Log I/O Error Detected. Shutting down filesystem"}',
      want: {
        time: '2026-11-22T10:00:00.000Z',
        unit: 'kernel',
        message: 'XFS (vdb): Log I/O Error Detected. Shutting down filesystem',
      },
    },
    {
      name: 'dmesg -r priority prefix',
      line: '<3>[ 12.5] blk_update_request: I/O error, dev vda, sector 21597664',
      want: {
        level: 'E',
        monotonic: 12.5,
        message: 'blk_update_request: I/O error, dev vda, sector 21597664',
      },
    },
    {
      name: 'dmesg -x facility and level',
      line: 'kern  :warn  : [  1.0] EXT4-fs warning (device vdfiw): htree_dirblock_to_tree:995',
      want: {
        level: 'W',
        monotonic: 1,
        message: 'EXT4-fs warning (device vdfiw): htree_dirblock_to_tree:995',
      },
    },
    {
      name: 'line without any timestamp',
      line: 'EXT4-fs (vdb): mounted filesystem',
      want: { message: 'EXT4-fs (vdb): mounted filesystem' },
    },
  ];
  it.each(cases)('$name', ({ line, want }) => {
    const { value, warnings } = parseDmesg(`${line}\n`, ctx);
    expect(warnings).toEqual([]);
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({ probe: 'dmesg', line: 1, lineCount: 1, ...want });
    if (!('time' in want) && want.monotonic === undefined) expect(value[0]?.time).toBeUndefined();
  });

  it('keeps monotonic but no time without bootTime', () => {
    const { value } = parseDmesg('[  5.000000] hello');
    expect(value[0]).toMatchObject({ monotonic: 5, message: 'hello' });
    expect(value[0]?.time).toBeUndefined();
  });

  it('warns once when year-less times cannot be placed', () => {
    const { value, warnings } = parseDmesg('Apr 14 02:46:12 n kernel: a\nApr 14 02:46:13 n kernel: b\n');
    expect(value.map((e) => e.time)).toEqual([undefined, undefined]);
    expect(warnings).toHaveLength(1);
  });
});

describe('parseDmesg: records and fixtures', () => {
  it('dmesg -H: minute anchors plus deltas, SLUB reports folded (seed 002)', () => {
    const { value } = parseDmesg(fixture('dmesg-human-slub-xfs.txt'), {
      referenceTime: '2019-04-15T10:00:00Z',
    });
    const slub = value.filter((e) => e.message.startsWith('SLUB: Unable to allocate'));
    expect(slub).toHaveLength(5);
    expect(
      slub.every(
        (e) =>
          e.lineCount === 3 &&
          e.message.includes('\ncache: blkdev_ioc(') &&
          e.message.includes('\nnode 0: slabs:'),
      ),
    ).toBe(true);
    expect(slub.map((e) => [e.line, e.time])).toEqual([
      [1, '2019-04-14T02:46:00.000Z'],
      [4, '2019-04-14T02:46:00.001Z'],
      [7, '2019-04-14T02:46:42.977Z'],
      [10, '2019-04-14T02:47:00.000Z'],
      [13, '2019-04-14T02:50:00.000Z'],
    ]);
    expect(value.filter((e) => e.message.includes('xfs_log_force: error -5'))).toHaveLength(6);
    expect(value.find((e) => e.message.includes('xfs_do_force_shutdown'))?.time).toBe(
      '2019-04-14T23:53:00.112Z',
    );
    expect(value.length).toBe(5 + 30);
  });

  it('dmesg -T: every line an event with its time (seed 000)', () => {
    const { value } = parseDmesg(fixture('dmesg-ctime-ext4.txt'));
    expect(value).toHaveLength(26);
    expect(value.every((e) => e.time !== undefined && e.lineCount === 1)).toBe(true);
    expect(value[3]).toMatchObject({
      line: 4,
      time: '2024-04-08T10:19:21.000Z',
      message: 'Aborting journal on device vdfiw-8.',
    });
  });

  it('iso: hung-task reports fold with their note and call trace', () => {
    const { value } = parseDmesg(fixture('dmesg-iso-probe.txt'));
    const hung = value.filter((e) => e.message.startsWith('INFO: task'));
    expect(hung.map((e) => [e.line, e.lineCount])).toEqual([
      [10, 13],
      [23, 11],
    ]);
    expect(hung[0]?.message).toContain(
      '\n"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
    );
    expect(hung[1]?.message).toContain('path_umount+0x3c1/0x4b0');
    expect(value.at(-1)).toMatchObject({ line: 34, lineCount: 1, time: '2026-11-22T09:50:00.000Z' });
    expect(value).toHaveLength(12);
  });

  it('raw, old kernel: indented cache/node lines and [<addr>] frames fold; later lines do not', () => {
    const { value } = parseDmesg(fixture('dmesg-raw-old-kernel.txt'), ctx);
    expect(value.map((e) => [e.line, e.lineCount])).toEqual([
      [1, 1],
      [2, 1],
      [3, 4],
      [7, 9],
      [16, 1],
      [17, 1],
    ]);
    expect(value[3]?.message).toContain('cgroup_mkdir+0x3a/0x470');
  });

  it('syslog mix: only kernel lines, wrapped SLUB line rejoined with a space', () => {
    const { value, warnings } = parseDmesg(fixture('syslog-mixed-messages.txt'), {
      referenceTime: '2019-04-15T00:00:00Z',
    });
    expect(value.every((e) => e.unit === 'kernel')).toBe(true);
    expect(value).toHaveLength(8);
    const last = value.at(-1);
    expect(last).toMatchObject({ line: 27, lineCount: 3, time: '2019-03-26T18:36:59.000Z' });
    expect(
      last?.message.startsWith(
        'SLUB: Unable to allocate memory on node -1 (gfp=0x8020)\ncache: ip6_dst_cache(',
      ),
    ).toBe(true);
    expect(warnings[0]?.message).toMatch(/^skipped 17 lines from other units \(systemd: 11, kubelet: 3/);
  });

  it.each([
    ['raw', 'dmesg-real-raw.txt'],
    ['iso', 'dmesg-real-iso.txt'],
    ['human', 'dmesg-real-human.txt'],
  ])('real capture from a Linux 6.18 machine (%s): one event per line, all timed', (_form, file) => {
    const text = fixture(file);
    const lines = text.split('\n').filter((l) => l.trim() !== '').length;
    const { value, warnings } = parseDmesg(text, {
      referenceTime: '2026-11-22T11:20:00Z',
      bootTime: '2026-11-22T11:02:11Z',
    });
    expect(warnings).toEqual([]);
    expect(value.reduce((n, e) => n + e.lineCount, 0)).toBe(lines);
    expect(value.every((e) => e.time?.startsWith('2026-11-22T11:02'))).toBe(true);
  });

  it('an OOM kill report folds up to, but not including, the "Killed process" line', () => {
    const text = [
      '[ 5012.345678] java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=985',
      '[ 5012.345690] CPU: 3 PID: 41122 Comm: java Not tainted 5.15.0-86-generic #96-Ubuntu',
      '[ 5012.345692] Hardware name: Alibaba Cloud ECS, BIOS 449e491 04/01/2014',
      '[ 5012.345693] Call Trace:',
      '[ 5012.345694]  <TASK>',
      '[ 5012.345695]  dump_stack_lvl+0x4a/0x63',
      '[ 5012.345700]  oom_kill_process.cold+0xb/0x10',
      '[ 5012.345702]  </TASK>',
      '[ 5012.345710] memory: usage 1048576kB, limit 1048576kB, failcnt 4210',
      '[ 5012.345712] memory+swap: usage 1048576kB, limit 9007199254740988kB, failcnt 0',
      '[ 5012.345713] kmem: usage 10240kB, limit 9007199254740988kB, failcnt 0',
      '[ 5012.345714] Memory cgroup stats for /kubepods.slice/kubepods-burstable.slice:',
      '[ 5012.345760] Tasks state (memory values in pages):',
      '[ 5012.345761] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
      '[ 5012.345765] [  41122]     0 41122  1234567   262100  2400256        0           985 java',
      '[ 5012.345770] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-8f71.scope,mems_allowed=0,task=java,pid=41122,uid=0',
      '[ 5012.345800] Memory cgroup out of memory: Killed process 41122 (java) total-vm:4938268kB, anon-rss:1048400kB, file-rss:0kB',
      '[ 5013.000000] IPv6: ADDRCONF(NETDEV_CHANGE): cali12ab34cd56e: link becomes ready',
    ].join('\n');
    const { value } = parseDmesg(text, ctx);
    expect(value.map((e) => [e.line, e.lineCount])).toEqual([
      [1, 16],
      [17, 1],
      [18, 1],
    ]);
    expect(value[1]?.message).toMatch(/^Memory cgroup out of memory: Killed process 41122 \(java\)/);
  });

  it('skips journal markers and blank lines, handles CRLF and a cut last line', () => {
    const text = '-- Logs begin at Sun 2026-11-22 08:00:00 UTC. --\r\n\r\n[  1.000000] a\r\n[  2.0000';
    const { value } = parseDmesg(text, ctx);
    expect(value.map((e) => [e.line, e.message])).toEqual([
      [3, 'a'],
      [4, '[  2.0000'],
    ]);
  });
});
