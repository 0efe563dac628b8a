import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../model/artifact.ts';
import { serializeBundle } from './bundle-format.ts';
import { detectKind } from './detect-kind.ts';

const logFixture = (name: string) =>
  readFileSync(new URL(`../logs/fixtures/${name}`, import.meta.url), 'utf8');
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const BUNDLE: Bundle = {
  formatVersion: 1,
  node: { name: 'worker-17' },
  takenAt: '2026-11-22T10:00:00.000Z',
  artifacts: [
    {
      probe: 'psi',
      text: 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n',
      exitCode: 0,
      durationMs: 3,
      truncated: false,
      timedOut: false,
    },
  ],
};

const SAMPLES: { name: string; kind: string; text: string }[] = [
  { name: 'bundle', kind: 'bundle', text: serializeBundle(BUNDLE) },
  {
    name: 'mountinfo',
    kind: 'mountinfo',
    text: lines(
      '22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw',
      '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue',
      '4127 29 254:1683 / /var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-bp1iau7367wkpf6xqdpv/globalmount rw,relatime shared:2066 - ext4 /dev/vdfiw rw',
    ),
  },
  {
    name: 'mountinfo-ns probe output',
    kind: 'mountinfo-ns',
    text: lines(
      '## ns=mnt:[4026532833] pid=48211 comm=logxxx-agent',
      '3702 3597 0:412 / / rw,relatime master:1124 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/ABC',
      '9011 3702 254:1683 / /logxxx_host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-bp1/globalmount rw,relatime master:2066 - ext4 /dev/vdfiw rw',
    ),
  },
  {
    name: 'ps aux',
    kind: 'processes',
    text: lines(
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
      'root           1  0.0  0.0 191212  4140 ?        Ss   Apr01  12:01 /usr/lib/systemd/systemd --switched-root --system',
      'root       12071  0.0  0.0      0     0 ?        S    Apr01   0:00 [jbd2/vdfiw-8]',
      'root        3120 2022  2.7 9912344 8600120 ?     Ssl  Apr01 9999:00 /usr/bin/kubelet --config=/var/lib/kubelet/config.yaml',
    ),
  },
  {
    name: 'ps probe output',
    kind: 'processes',
    text: lines(
      '    PID    PPID STAT  ELAPSED NLWP %CPU   RSS WCHAN                            COMMAND',
      '      1       0 Ss   1210003    1  0.0  4140 ep_poll                          /usr/lib/systemd/systemd',
      '  31440   31421 D       3600    1  0.0  2100 cgroup_mkdir                     runc init',
    ),
  },
  {
    name: 'top batch output',
    kind: 'processes',
    text: lines(
      'top - 15:28:39 up 246 days,  1:02,  2 users,  load average: 48.12, 44.20, 43.01',
      'Tasks: 20135 total,   3 running, 20132 sleeping,   0 stopped,   0 zombie',
      '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU %MEM     TIME+ COMMAND',
      ' 3120 root      20   0 9912344 8.2g  71220 S  2022  2.7  99999:00 kubelet',
    ),
  },
  {
    name: 'lsblk JSON',
    kind: 'blockdev',
    text: '{\n   "blockdevices": [\n      {"name":"vda", "maj:min":"253:0", "type":"disk", "size":42949672960, "ro":false, "fstype":null, "mountpoints":[null], "pkname":null}\n   ]\n}\n',
  },
  {
    name: 'lsblk text',
    kind: 'blockdev',
    text: lines(
      'NAME   MAJ:MIN RM  SIZE RO TYPE MOUNTPOINT',
      'vda    253:0    0   40G  0 disk',
      '└─vda1 253:1    0   40G  0 part /',
      'vdfiw  254:1683 0   20G  0 disk /var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-bp1iau7367wkpf6xqdpv/globalmount',
    ),
  },
  {
    name: '/proc/cgroups',
    kind: 'cgroups',
    text: lines(
      '#subsys_name\thierarchy\tnum_cgroups\tenabled',
      'cpuset\t5\t229418\t1',
      'memory\t11\t109\t1',
      'devices\t3\t229504\t1',
    ),
  },
  { name: 'cgroup.stat', kind: 'cgroups', text: lines('nr_descendants 412', 'nr_dying_descendants 61234') },
  {
    name: 'PSI probe output',
    kind: 'psi',
    text: lines(
      '## cpu',
      'some avg10=2.04 avg60=1.75 avg300=1.30 total=902271821',
      '## io',
      'some avg10=71.31 avg60=64.90 avg300=52.12 total=88102293312',
      'full avg10=69.90 avg60=62.10 avg300=49.00 total=85012093101',
    ),
  },
  {
    name: 'PSI probe output on a kernel without PSI',
    kind: 'psi',
    text: lines(
      '## cpu',
      'cat: /proc/pressure/cpu: No such file or directory',
      '## memory',
      'cat: /proc/pressure/memory: No such file or directory',
    ),
  },
  {
    name: 'crictl ps',
    kind: 'containers',
    text: lines(
      'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID',
      '8f71eadd772ff       a1b2c3d4e5f60       3 days ago          Exited              web                 4                   5c3e8a1f2b7d4',
    ),
  },
  {
    name: 'docker ps -a',
    kind: 'containers',
    text: lines(
      'CONTAINER ID   IMAGE                  COMMAND                  CREATED        STATUS                 PORTS     NAMES',
      '9caa9580e946   registry/logxxx:1.2    "/entrypoint.sh"         7 months ago   Removal In Progress              k8s_logxxx_logxxx-ds-hsbv9_kube-system',
    ),
  },
  {
    name: 'crictl JSON',
    kind: 'containers',
    text: '{\n  "containers": [\n    {\n      "id": "8f71eadd772f",\n      "podSandboxId": "5c3e8a1f",\n      "metadata": {"name": "web", "attempt": 4},\n      "state": "CONTAINER_EXITED"\n    }\n  ]\n}\n',
  },
  {
    name: 'docker json lines',
    kind: 'containers',
    text: lines(
      '{"Command":"\\"/entrypoint.sh\\"","CreatedAt":"2023-09-01 10:00:00 +0800 CST","ID":"9caa9580e946","Image":"registry/logxxx:1.2","Names":"k8s_logxxx","State":"removing","Status":"Removal In Progress"}',
    ),
  },
  { name: 'dmesg raw', kind: 'dmesg', text: logFixture('dmesg-real-raw.txt') },
  { name: 'dmesg iso (real)', kind: 'dmesg', text: logFixture('dmesg-real-iso.txt') },
  { name: 'dmesg -T', kind: 'dmesg', text: logFixture('dmesg-ctime-ext4.txt') },
  { name: 'dmesg -H', kind: 'dmesg', text: logFixture('dmesg-human-slub-xfs.txt') },
  {
    name: 'journalctl -k',
    kind: 'dmesg',
    text: lines(
      'Nov 22 09:40:18 worker-17 kernel: blk_update_request: I/O error, dev vdfiw, sector 8760',
      'Nov 22 09:40:24 worker-17 kernel: Aborting journal on device vdfiw-8.',
    ),
  },
  {
    name: 'kubelet journal short-iso',
    kind: 'kubelet-log',
    text: logFixture('kubelet-journal-short-iso.txt'),
  },
  {
    name: 'bare klog',
    kind: 'kubelet-log',
    text: lines(
      'I0412 15:28:39.156431 3237254 kubelet_node_status.go:273] Setting node annotation to enable volume controller attach/detach',
      'E0412 15:28:39.437193 3237254 nestedpendingoperations.go:301] Operation for "{volumeName:kubernetes.io/csi/x podName: nodeName:}" failed.',
    ),
  },
  {
    name: 'journalctl -u kubelet -o json',
    kind: 'kubelet-log',
    text: lines(
      '{"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1795341600250123","_HOSTNAME":"worker-17","SYSLOG_IDENTIFIER":"kubelet","_PID":"2301","MESSAGE":"I1122 10:00:00.250123 2301 generic.go:191] \\"GenericPLEG: Relisting\\""}',
    ),
  },
  {
    name: 'kubelet json logging',
    kind: 'kubelet-log',
    text: lines(
      '{"ts":1795341600250.123,"caller":"kubelet/kubelet.go:2263","msg":"Skipping pod synchronization","err":"PLEG is not healthy"}',
      '{"ts":1795341601250.123,"caller":"pleg/generic.go:191","msg":"GenericPLEG: Relisting","v":5}',
    ),
  },
  { name: 'containerd journal', kind: 'runtime-log', text: logFixture('runtime-containerd-journal.txt') },
  {
    name: 'bare containerd logfmt',
    kind: 'runtime-log',
    text: lines(
      'time="2023-06-12T05:48:49.123456789Z" level=error msg="failed to handle container TaskExit event" error="context deadline exceeded: unknown"',
      'time="2023-06-12T05:48:50.000000000Z" level=info msg="StopContainer for \\"8f71\\" returns successfully"',
    ),
  },
  {
    name: 'systemd probe output',
    kind: 'systemd',
    text: lines(
      'ping_rc=124 ping_ms=5003',
      "ping_output=Failed to activate service 'org.freedesktop.systemd1': timed out",
      'state=running',
      '## failed units',
    ),
  },
  {
    name: 'kubelet-proc probe output',
    kind: 'kubelet-proc',
    text: lines('pid=3120', 'cpu_ticks=2022 hz=100 interval_s=1', 'VmRSS:\t8600120 kB', 'Threads:\t412'),
  },
  { name: 'kubelet-proc probe output without a kubelet', kind: 'kubelet-proc', text: 'pid=\n' },
  {
    name: 'system probe output',
    kind: 'system',
    text: lines(
      'hostname=worker-17',
      'kernel_release=4.19.91-24.al7.x86_64',
      'nproc=48',
      '## meminfo',
      'MemTotal:       325058772 kB',
    ),
  },
];

const PROMPTS = [
  '',
  '[root@k8s-prd-standard-43 ~]# journalctl -u kubelet --no-pager | tail\n',
  'admin@bastion:~$ ssh worker-17\nLast login: Sat Nov 21 10:00:00 2026 from 10.0.0.1\n$ sudo cat it\n\n',
];

describe('detectKind', () => {
  for (const prompt of PROMPTS) {
    it.each(SAMPLES)(
      `$name -> $kind (junk before: ${prompt === '' ? 'none' : JSON.stringify(prompt.slice(0, 24))})`,
      ({ kind, text }) => {
        const got = detectKind(prompt + text);
        expect(got?.kind).toBe(kind);
        expect(got?.reason.length).toBeGreaterThan(5);
      },
    );
  }

  it('a syslog mixing kernel and kubelet lines goes to whichever has more lines', () => {
    const kernel = 'Apr 14 23:53:40 k8s-node-xxx kernel: XFS (vdb): xfs_log_force: error -5 returned.';
    const kubelet =
      'Apr 14 23:53:09 k8s-node-xxx kubelet[27036]: I0414 23:53:09.156431 27036 kubelet_node_status.go:273] Setting node annotation';
    expect(detectKind(lines(kernel, kernel, kernel, kubelet))?.kind).toBe('dmesg');
    expect(detectKind(lines(kernel, kubelet, kubelet))?.kind).toBe('kubelet-log');
    expect(detectKind(logFixture('syslog-mixed-messages.txt'))).toMatchObject({
      kind: 'dmesg',
      alsoContains: ['kubelet-log', 'runtime-log'],
    });
    expect(detectKind(logFixture('dmesg-real-raw.txt'))?.alsoContains).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['prose', 'The node went NotReady after lunch.\nNobody knows why.\n'],
    ['numbers', '1 2 3\n4 5 6\n'],
  ])('returns undefined for %s', (_n, text) => {
    expect(detectKind(text)).toBeUndefined();
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (s) => void detectKind(s)),
      { numRuns: 500 },
    );
  });

  it('reads only a sample: a 50 MB paste is classified quickly', () => {
    const big = logFixture('dmesg-real-raw.txt').repeat(5000);
    // repeat() builds a rope; an uploaded file is flat, so flatten before timing.
    expect(big.indexOf('\u0000')).toBe(-1);
    const t0 = performance.now();
    expect(detectKind(big)?.kind).toBe('dmesg');
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
