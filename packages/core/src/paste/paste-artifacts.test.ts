import { describe, expect, it } from 'vitest';
import { analyzeArtifacts } from '../analyze.ts';
import { cleanPaste } from './clean-paste.ts';
import { commandKind } from './command-kind.ts';
import { readPaste } from './paste-artifacts.ts';
import { promptCommand } from './split-transcript.ts';

const rules = (text: string) =>
  analyzeArtifacts(readPaste(text).artifacts, { takenAt: '2026-11-30T12:00:00Z' }).findings.map(
    (f) => f.rule,
  );

describe('prompts', () => {
  it.each([
    ['root@node-1:~# cat /proc/cgroups', 'cat /proc/cgroups'],
    ['[root@ip-10-0-0-1 ~]# ps aux', 'ps aux'],
    ['[server:~]# mount', 'mount'],
    ['core@core-01 ~ $ journalctl -u kubelet', 'journalctl -u kubelet'],
    ['$ dmesg -T', 'dmesg -T'],
    ['# crictl ps -a', 'crictl ps -a'],
    ['node01:~ # uptime', 'uptime'],
  ])('%s', (line, command) => expect(promptCommand(line)).toBe(command));

  it.each([
    '# source: a comment',
    '#subsys_name\thierarchy\tnum_cgroups\tenabled',
    '[  12.5] XFS (sdb): Filesystem has been shut down',
    '[Mon Nov 15 15:59:41 2020] INFO: task mysqld:44333 blocked for more than 120 seconds.',
    '$5 and 10% off',
  ])('%s is not a prompt', (line) => expect(promptCommand(line)).toBeUndefined());
});

describe('commands name what they print', () => {
  it.each([
    ['cat /proc/cgroups', 'cgroups'],
    ['sudo cat /proc/1234/mountinfo', 'mountinfo'],
    ['cat /proc/self/mounts', 'mount-table'],
    ['mount | grep kubelet', 'mount-table'],
    ['ps -elf', 'processes'],
    ['ps -eo pid,stat,wchan,cmd | grep D', 'processes'],
    ['top -b -n 1', 'processes'],
    ['uptime', 'uptime'],
    ['docker ps -a', 'containers'],
    ['crictl ps -a', 'containers'],
    ['docker rm -f web', 'logs'],
    ['journalctl -u kubelet --no-pager', 'logs'],
    ['grep -i error /var/log/messages', 'logs'],
    ['cat /proc/4242/stack', 'logs'],
    ['cat /proc/pressure/io', 'psi'],
    ['echo hello', undefined],
  ])('%s', (cmd, kind) => expect(commandKind(cmd)).toBe(kind));
});

describe('clean-up of tracker and chat text', () => {
  it('drops fences and elisions, unquotes, unbolds, decodes entities and takes grep -n numbers off', () => {
    const { lines } = cleanPaste(
      [
        '```console',
        '> 12:[  1.0] **XFS (sdb): Filesystem has been shut down** &gt; now',
        '> 13:[  2.0] EXT4-fs (sda1): Remounting filesystem read-only',
        '...',
        '```',
      ].join('\n'),
    );
    expect(lines).toEqual([
      '[  1.0] XFS (sdb): Filesystem has been shut down > now',
      '[  2.0] EXT4-fs (sda1): Remounting filesystem read-only',
    ]);
  });

  it('joins hard-wrapped log lines, but not table rows or prompts that follow a long line', () => {
    const long = '[7438185.621792] EXT4-fs error (device dm-4) in ext4_setattr:4562: Journal';
    expect(cleanPaste(`${long}\nhas aborted\n`).lines).toEqual([`${long} has aborted`]);
    expect(cleanPaste(`${long}\nmemory 4 64734 1\nroot@n:~# uptime`).lines).toEqual([
      long,
      'memory 4 64734 1',
      'root@n:~# uptime',
    ]);
  });

  it.each([
    ['* `{"level":"info","msg":"x"}`', '{"level":"info","msg":"x"}'],
    ['- `EXT4-fs (sda): Remounting filesystem read-only`', 'EXT4-fs (sda): Remounting filesystem read-only'],
    ['`dmesg -T`', 'dmesg -T'],
    // Inline code inside prose stays as it is.
    ['`busctl tree` reported `Connection timed out`', '`busctl tree` reported `Connection timed out`'],
    ['* a bullet without code', '* a bullet without code'],
  ])('takes a whole line of inline code out of its backticks: %s', (line, want) => {
    expect(cleanPaste(line).lines).toEqual([want]);
  });

  it('joins pieces a terminal cut at a fixed column without a space, word wraps with one', () => {
    const full =
      'E0727 10:05:31.376933    3596 goroutinemap.go:155] Operation failed. error: UnmountVolume.TearDown failed for volume "kubernetes.io/secret/my-secret" pod "ce0c63a2" with: IsLikelyNotMountPoint: no such file or directory';
    const cut: string[] = [];
    for (let i = 0; i < full.length; i += 70) cut.push(full.slice(i, i + 70));
    expect(cut.length).toBeGreaterThanOrEqual(3);
    expect(cleanPaste(cut.join('\n')).lines).toEqual([full]);
    // Pieces of different lengths were wrapped at words: the dropped space comes back.
    const long = '[7438185.621792] EXT4-fs error (device dm-4) in ext4_setattr:4562: Journal';
    expect(cleanPaste(`${long}\nhas aborted`).lines).toEqual([`${long} has aborted`]);
    // A kept trailing space or a hyphen at the cut needs nothing added.
    const hy =
      '[ 1.0] XFS (sdb): metadata I/O error in "xlog_iodone" at daddr 0x3c0 len 64 error 5 pvc-c7f6-';
    expect(cleanPaste(`${hy}\n45b3`).lines).toEqual([`${hy}45b3`]);
    // A poster's leading space before the first line does not hide its log prefix.
    expect(cleanPaste(` ${long}\nhas aborted`).lines).toEqual([` ${long} has aborted`]);
  });

  it('keeps a lone number-colon line start that is content', () => {
    const text = '12:00:01 up 3 days, load average: 1.00, 1.00, 1.00\nhello';
    expect(cleanPaste(text).lines[0]).toBe('12:00:01 up 3 days, load average: 1.00, 1.00, 1.00');
  });
});

describe('readPaste', () => {
  it('splits a transcript by prompt and reads each section by its command', () => {
    const text = [
      'root@w1:~# uptime',
      ' 13:26:07 up 26 days,  3:08,  1 user,  load average: 82.00, 80.89, 79.09',
      'root@w1:~# cat /proc/pressure/io',
      'some avg10=62.13 avg60=58.40 avg300=51.02 total=912345678901',
      'full avg10=55.20 avg60=50.11 avg300=44.90 total=812345678901',
      'root@w1:~# mount | grep sdb',
      '/dev/sdb on /var/lib/kubelet/pods/x/volumes/kubernetes.io~csi/pvc-1/mount type xfs (rw,relatime)',
      'root@w1:~# dmesg -T | tail -2',
      '[Mon Nov 30 11:00:00 2026] XFS (sdb): Log I/O Error Detected. Shutting down filesystem',
    ].join('\n');
    const r = readPaste(text);
    expect(r.sections.map((s) => s.kind)).toEqual(['uptime', 'psi', 'mount-table', 'logs']);
    expect(r.artifacts.map((a) => a.probe).sort()).toEqual(
      ['dmesg', 'kubelet-log', 'mountinfo', 'psi', 'runtime-log', 'system'].sort(),
    );
    const result = analyzeArtifacts(r.artifacts, { takenAt: '2026-11-30T12:00:00Z' });
    expect(result.state.system.loadAvg).toEqual([82, 80.89, 79.09]);
    expect(result.state.mountNamespaces[0]?.mounts).toHaveLength(1);
    expect(result.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['pressure-stall', 'filesystem-shutdown']),
    );
  });

  it('reads table rows in free text: a /proc/cgroups row among prose', () => {
    const text = 'the memory row looked like this:\nmemory  4  65530  1\nany idea?';
    expect(rules(text)).toContain('cgroup-id-exhaustion');
  });

  it('turns a goroutine parked for minutes in PLEG relist into evidence, not a short wait', () => {
    const dump = (minutes: number) =>
      [
        `goroutine 812 [semacquire, ${minutes} minutes]:`,
        'sync.runtime_SemacquireMutex(0xc000a1b2c4, 0x0, 0x1)',
        'k8s.io/kubernetes/pkg/kubelet/pleg.(*GenericPLEG).relist(0xc000788960)',
        '\t/workspace/src/k8s.io/kubernetes/pkg/kubelet/pleg/generic.go:214 +0x2c9',
      ].join('\n');
    expect(rules(dump(14))).toContain('pleg-unhealthy');
    expect(rules(dump(1))).not.toContain('pleg-unhealthy');
  });

  it.each([
    // Block layer status classes other than "I/O" (blk_errors[] in block/blk-core.c)
    ['[699615.762794] print_req_error: critical medium error, dev sdf, sector 1811939592', 'disk-io-errors'],
    [
      '[ 12.1] blk_update_request: critical target error, dev sdb, sector 2048 op 0x1:(WRITE)',
      'disk-io-errors',
    ],
    ['[ 12.1] blk_update_request: timeout error, dev nvme0n1, sector 8', 'disk-io-errors'],
    // PID 1 about its own bus, in a journal that also holds kubelet's lines
    ['Jul 06 21:09:30 n1 systemd[1]: Failed to set up API bus: Connection timed out', 'systemd-unresponsive'],
    [
      'Jul 06 21:09:31 n1 systemd[1]: Looping too fast. Throttling execution a little',
      'systemd-unresponsive',
    ],
    // Clients of PID 1: systemd-run under kubelet's mounts, libcontainer's cgroup driver
    ['Output: Failed to start transient scope unit: Connection timed out', 'systemd-unresponsive'],
    // containerd killed runc at its deadline
    [
      'time="2020-01-08T11:05:00Z" level=error msg="exec failed" error="runc did not terminate successfully: signal: killed"',
      'runc-stuck',
    ],
    [
      'Timed out while waiting for StopUnit(kubepods-besteffort-pod86.slice) completion signal from dbus. Continuing...',
      'systemd-unresponsive',
    ],
  ])('reads %s as %s', (line, rule) => {
    expect(rules(line)).toContain(rule);
  });

  it.each([
    // Normal in their states: a package upgrade re-executes PID 1; unrelated units' lines.
    'Jul 06 21:09:05 n1 systemd[1]: Reexecuting.',
    'Jul 06 21:09:05 n1 systemd[1]: dbus.service: Main process exited, code=exited, status=0/SUCCESS',
    'Jul 06 21:09:05 n1 systemd[1]: Started Session 4 of user core.',
    '[ 12.1] sd 0:0:0:0: [sda] Medium Error [current]: no error, dev none',
    // ENOSPC from other limits under cgroup paths: inotify watches, cpuset outside the parent
    'E0512 1.0 7 manager.go:1] inotify_add_watch /sys/fs/cgroup/blkio/docker/00b8: no space left on device',
    'Oct 05 14:58:31 s1 systemd[1]: cri-containerd-e48b.scope: Failed to set cpuset.cpus: No space left on device',
    // Probing a VM's empty floppy or CD-ROM fails reads; no node filesystem lives there.
    '[  125.0] blk_update_request: I/O error, dev fd0, sector 0 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0',
    '[ 6941.4] Buffer I/O error on dev sr0, logical block 0, async page read',
    // HTTP deadlines are the API server's or the registry's, not the runtime's
    'E0519 10:32:16.351269    1244 kubelet_node_status.go:402] Error updating node status, will retry: error getting node "worker-2": Get https://api:6443/api/v1/nodes/worker-2?timeout=10s: context deadline exceeded',
    'E0519 10:32:16.3    1244 controller.go:189] failed to update lease, error: Put "https://api:6443/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1?timeout=10s": context deadline exceeded',
    // go-runc's words for any failed runc run: a fast failure, not a stuck runc
    'time="2024-11-07T20:39:40Z" level=error msg="StopPodSandbox failed" error="failed to kill container: unknown error after kill: runc did not terminate successfully: exit status 1: unable to signal init: permission denied"',
    // EIO from USB enumeration carries no filesystem
    "[    5.3] usb 1-1: can't set config #1, error -5",
    // Every kubelet's first seconds, before its first relist (older kubelets: MaxInt64 since zero)
    'I0705 13:07:12.269821   32911 kubelet.go:1799] skipping pod synchronization - [container runtime is down PLEG is not healthy: pleg was last seen active 2562047h47m16.854775807s ago; threshold is 3m0s]',
    'E0306 07:04:49.983023 2772694 kubelet.go:1853] skipping pod synchronization - [container runtime status check may not have completed yet, PLEG is not healthy: pleg has yet to be successful]',
  ])('raises nothing for %s', (line) => {
    expect(rules(line)).toEqual([]);
  });

  it.each([
    '{"error":"devmapper not configured","level":"warning","msg":"could not use snapshotter devmapper"}',
    '{"caller":"x.go:1","msg":"started"}',
  ])('recognises a JSON log line whatever its first key: %s', (line) => {
    expect(readPaste(line).recognised).toBe(true);
  });

  it.each([
    '    [ 6941.438022] Buffer I/O error on dev sr0, logical block 0, async page read',
    '\tMay 17 18:48:11 n1 kernel: [ 6141.9] INFO: task kworker/u8:0:5 blocked for more than 120 seconds.',
    // journalctl -o short-precise (must-gather) and raw /dev/kmsg records
    'May 19 19:10:03.753983 master-2 kubenswrapper[1516]: I0519 19:10:03.753942    1516 kubelet.go:1] "SyncLoop ADD"',
    '6,1234,1600038458,-;EXT4-fs (sda1): mounted filesystem with ordered data mode',
  ])('recognises node output indented as a Markdown code block, or in less common log forms: %s', (line) => {
    expect(readPaste(line).recognised).toBe(true);
  });

  it.each([
    [
      'ps -elf rows whose header grep dropped',
      (i: number) =>
        `4 D root ${3370 + i} 1  0  80   0 -  2995 io_sch Jan24 ?        00:00:00 blkid -c /dev/null -o export`,
    ],
    [
      'ps aux rows whose header grep dropped',
      (i: number) =>
        `root ${3370 + i}  0.0  0.0  11980  3352 ?        D    Jan24   0:00 blkid -c /dev/null -o export`,
    ],
  ])('counts D-state tasks in %s', (_name, row) => {
    const rows = [1, 2, 3, 4, 5, 6, 7].map(row).join('\n');
    expect(rules(`we see this on the node:\n${rows}\n`)).toContain('hung-task');
    // Two blocked tasks are ordinary I/O wait.
    expect(rules([1, 2].map(row).join('\n'))).not.toContain('hung-task');
  });

  it('says when nothing is recognised', () => {
    expect(readPaste('Lorem ipsum dolor sit amet.\nThe quick brown fox.').recognised).toBe(false);
    expect(readPaste('[  3.29] NET: Registered protocol family 1').recognised).toBe(true);
  });
});
