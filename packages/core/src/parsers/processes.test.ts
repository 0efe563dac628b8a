import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load.test-support.ts';
import { commOf, parseElapsed, parseProcesses } from './processes.ts';

describe('parseProcesses: real captures', () => {
  // Each capture comes from the same host within a second; 59 of its tasks are kernel threads.
  it.each([
    ['real-processes.txt', 70],
    ['real-ps-aux.txt', 69],
    ['real-ps-ef.txt', 69],
    ['real-ps-elf.txt', 69],
    ['real-top.txt', 69],
  ])('%s: %i tasks, kernel threads recognised, no warnings', (file, tasks) => {
    const r = parseProcesses(fixture(file));
    expect(r.warnings).toEqual([]);
    expect(r.value).toHaveLength(tasks);
    expect(r.value.filter((p) => p.isKernelThread)).toHaveLength(59);
    const kthreadd = r.value.find((p) => p.pid === 2)!;
    expect(kthreadd).toMatchObject({ comm: 'kthreadd', isKernelThread: true });
    const init = r.value.find((p) => p.pid === 1)!;
    expect(init).toMatchObject({ comm: 'init', isKernelThread: false });
  });

  it('reads every column of the probe output', () => {
    const r = parseProcesses(fixture('real-processes.txt'));
    expect(r.value[0]).toMatchObject({
      pid: 1,
      ppid: 0,
      state: 'S',
      stateRaw: 'S<Ll',
      threads: 14,
      cpuPercent: 0.4,
      rssKb: 11572,
      args: '/sbin/init',
      line: 2,
    });
    expect(r.value.find((p) => p.pid === 4)).toMatchObject({
      state: 'I',
      stateRaw: 'I<',
      wchan: 'rescuer_thread',
      comm: 'kworker/R-rcu_gp',
      args: '[kworker/R-rcu_gp]',
    });
  });

  it('folds ps -eLf thread rows into their process', () => {
    const r = parseProcesses(fixture('real-ps-elf.txt'));
    expect(r.value.find((p) => p.pid === 1)).toMatchObject({ threads: 14, line: 2 });
  });
});

describe('parseProcesses: formats', () => {
  const probe = [
    '    PID    PPID STAT ELAPSED NLWP %CPU   RSS WCHAN                            COMMAND',
    '3237254       1 Ssl  21254165  312 2022  8600000 futex_wait_queue                 /usr/bin/kubelet --config=/var/lib/kubelet/config.yaml',
    '   1951       2 D       864000    1  0.0     0 jbd2_journal_commit_transaction  [jbd2/vdfiw-8]',
    '   1953       2 I<      864000    1  0.0     0 -                                [ext4-rsv-conver]',
    '   4410    4400 Z           12    1  0.0     0 -                                [runc] <defunct>',
    '   5000       1 Sl+   1-02:03:04    9  1.5  2048 do_wait                          runc --root /run/containerd/runc/k8s.io init',
  ].join('\n');

  it('parses the probe format with D/Z/I< states, elapsed forms and kernel threads', () => {
    const r = parseProcesses(probe);
    expect(r.warnings).toEqual([]);
    expect(
      r.value.map((p) => [p.pid, p.state, p.stateRaw, p.elapsedSeconds, p.comm, p.isKernelThread, p.wchan]),
    ).toEqual([
      [3237254, 'S', 'Ssl', 21254165, 'kubelet', false, 'futex_wait_queue'],
      [1951, 'D', 'D', 864000, 'jbd2/vdfiw-8', true, 'jbd2_journal_commit_transaction'],
      [1953, 'I', 'I<', 864000, 'ext4-rsv-conver', true, undefined],
      [4410, 'Z', 'Z', 12, 'runc', false, undefined],
      [5000, 'S', 'Sl+', 93784, 'runc', false, 'do_wait'],
    ]);
    expect(r.value[0]).toMatchObject({ cpuPercent: 2022, rssKb: 8600000, threads: 312 });
  });

  it('parses a header-less ps aux excerpt (incident A) and skips prompts and ellipses', () => {
    const r = parseProcesses(fixture('ps-aux-grep-incident-a.txt'));
    expect(r.warnings).toEqual([]);
    expect(r.value.map((p) => [p.pid, p.comm, p.stateRaw, p.startedRaw, p.isKernelThread])).toEqual([
      [1951, 'jbd2/vdfiw-8', 'S', 'Feb01', true],
      [1952, 'jbd2-ckpt/vdfiw', 'S', 'Feb01', true],
      [1953, 'ext4-rsv-conver', 'I<', 'Feb01', true],
      [2078, 'kworker/6:1H-kb', 'I<', '2023', true],
      [3009, 'jbd2/vdfjp-8', 'S', 'Feb01', true],
      [3010, 'jbd2-ckpt/vdfjp', 'S', 'Feb01', true],
      [3011, 'ext4-rsv-conver', 'I<', 'Feb01', true],
    ]);
    expect(r.value[0]!.line).toBe(3);
  });

  it('parses header-less ps -elf rows (F S UID PID PPID C PRI NI ADDR SZ WCHAN STIME TTY TIME CMD)', () => {
    const text = [
      '4 D root      3377     1  0  80   0 -  2995 io_sch Jan24 ?        00:00:00 blkid -c /dev/null -o export',
      '1 S root      1953     2  0  60 -20 -     0 rescue Feb01 ?        00:00:00 [ext4-rsv-conver]',
    ].join('\n');
    const r = parseProcesses(text);
    expect(r.value.map((p) => [p.pid, p.ppid, p.stateRaw, p.comm, p.isKernelThread])).toEqual([
      [3377, 1, 'D', 'blkid', false],
      [1953, 2, 'S', 'ext4-rsv-conver', true],
    ]);
  });

  it('parses ps axo with etime, thcnt and comm columns in any order', () => {
    const text = [
      '    PID COMMAND         THCNT     ELAPSED S   RSS',
      '    812 containerd         41  3-04:05:06 S 51234',
      '   9001 kworker/u96:2-e     1       05:06 I     0',
    ].join('\n');
    const r = parseProcesses(text);
    expect(r.value.map((p) => [p.pid, p.comm, p.threads, p.elapsedSeconds, p.state, p.rssKb])).toEqual([
      [812, 'containerd', 41, 273906, 'S', 51234],
      [9001, 'kworker/u96:2-e', 1, 306, 'I', 0],
    ]);
  });

  it('lets a command column in the middle absorb spaces', () => {
    const r = parseProcesses('  PID COMMAND          %CPU\n 4242 Web Content       3.5\n');
    expect(r.value[0]).toMatchObject({ pid: 4242, comm: 'Web Content', cpuPercent: 3.5 });
  });

  it('parses top -b output with unit suffixes and a zombie', () => {
    const text = [
      'top - 15:28:39 up 246 days,  2:11,  1 user,  load average: 48.03, 43.91, 42.94',
      'Tasks: 20155 total,  10 running, 13265 sleeping,   0 stopped,   2 zombie',
      '%Cpu(s): 45.1 us, 12.0 sy,  0.0 ni, 40.2 id,  2.5 wa,  0.0 hi,  0.2 si,  0.0 st',
      'KiB Mem : 32505856+total, 10240000+free,  9012345 used, 21012345+buff/cache',
      '',
      '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
      '3237254 root      20   0   12.3g   8.2g  71236 S  2022  2.6  11543:21 kubelet',
      '   1951 root      20   0       0      0      0 D   0.0   0.0   0:00.00 jbd2/vdfiw-8',
      '   4410 root      20   0       0      0      0 Z   0.0   0.0   0:00.01 runc',
    ].join('\n');
    const r = parseProcesses(text);
    expect(r.warnings).toEqual([]);
    expect(
      r.value.map((p) => [p.pid, p.state, p.comm, p.rssKb, p.cpuPercent, p.isKernelThread, p.line]),
    ).toEqual([
      [3237254, 'S', 'kubelet', Math.round(8.2 * 1024 * 1024), 2022, false, 7],
      [1951, 'D', 'jbd2/vdfiw-8', 0, 0, true, 8],
      [4410, 'Z', 'runc', 0, 0, false, 9],
    ]);
  });

  it('warns about rows it cannot read under a header, with the line number', () => {
    const r = parseProcesses('  PID  PPID STAT COMMAND\n  abc    1 S  foo\n   10     2 S   [kthreadd/1]\n');
    expect(r.value.map((p) => p.pid)).toEqual([10]);
    expect(r.warnings).toEqual([expect.objectContaining({ probe: 'processes', line: 2 })]);
  });

  it('says when no process table is found', () => {
    const r = parseProcesses('hello\nworld\n');
    expect(r.value).toEqual([]);
    expect(r.warnings[0]!.message).toMatch(/no process table/);
  });

  it('parses 20,135 tasks (incident A): every row, kernel threads told apart', () => {
    const rows = ['    PID    PPID STAT ELAPSED NLWP %CPU   RSS WCHAN                            COMMAND'];
    for (let i = 0; i < 20135; i++) {
      const pid = 100 + i;
      if (i < 19798) {
        const dev = `vd${(i % 6385).toString(36)}`;
        const name = i % 3 === 0 ? `jbd2/${dev}-8` : i % 3 === 1 ? `jbd2-ckpt/${dev}` : 'ext4-rsv-conver';
        rows.push(
          `${String(pid).padStart(7)}       2 S      864000    1  0.0     0 kjournald2                       [${name}]`,
        );
      } else {
        rows.push(
          `${String(pid).padStart(7)}       1 Ssl     864000   12  0.3 20480 ep_poll                          /usr/bin/app --flag=${i}`,
        );
      }
    }
    const text = rows.join('\n');
    // Speed is the core benchmark's; growth is checked by the complexity tests.
    const r = parseProcesses(text);
    expect(r.value).toHaveLength(20135);
    expect(r.value.filter((p) => p.isKernelThread)).toHaveLength(19798);
  });
});

describe('process helpers', () => {
  it.each([
    ['0', 0],
    ['864000', 864000],
    ['05:06', 306],
    ['02:03:04', 7384],
    ['1-02:03:04', 93784],
    ['12-00:00:00', 1036800],
    ['1:2:3:4', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('parseElapsed(%j) = %j', (input, want) => expect(parseElapsed(input)).toBe(want));

  it.each([
    ['[jbd2/vdfiw-8]', 'jbd2/vdfiw-8'],
    ['[sh] <defunct>', 'sh'],
    ['/usr/bin/kubelet --v=2', 'kubelet'],
    ['-bash', 'bash'],
    ['sshd: root@pts/0', 'sshd'],
    ['kworker/u96:2-events_unbound', 'kworker/u96:2-events_unbound'],
    ['./run.sh a', 'run.sh'],
    ['containerd-shim-runc-v2 -namespace k8s.io', 'containerd-shim-runc-v2'],
  ])('commOf(%j) = %j', (input, want) => expect(commOf(input)).toBe(want));
});

describe('parseProcesses: more columns', () => {
  it('reads lstart (five words) anywhere in the row', () => {
    const text = [
      '    PID STARTED                  STAT COMMAND',
      '      1 Sat Nov 22 11:02:03 2026 Ss   /sbin/init splash',
      '   4410 Sun Nov 23 08:00:00 2026 Z    [runc] <defunct>',
    ].join('\n');
    const r = parseProcesses(text);
    expect(r.warnings).toEqual([]);
    expect(r.value.map((p) => [p.pid, p.startedRaw, p.state, p.args])).toEqual([
      [1, 'Sat Nov 22 11:02:03 2026', 'S', '/sbin/init splash'],
      [4410, 'Sun Nov 23 08:00:00 2026', 'Z', '[runc] <defunct>'],
    ]);
  });

  it('does not flag a defunct bracketed ps aux row as a kernel thread', () => {
    const text = [
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
      'root        4410  0.0  0.0      0     0 ?        Z    10:00   0:00 [runc] <defunct>',
      'root        1951  0.0  0.0      0     0 ?        D    Feb01   0:00 [jbd2/vdfiw-8]',
      'root        1000  0.0  0.1 123456  2048 ?        Ssl  Feb01   1:00 /usr/bin/containerd',
    ].join('\n');
    expect(parseProcesses(text).value.map((p) => [p.pid, p.state, p.isKernelThread])).toEqual([
      [4410, 'Z', false],
      [1951, 'D', true],
      [1000, 'S', false],
    ]);
  });
});
