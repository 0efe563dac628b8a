import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeArtifacts } from '../analyze.ts';
import type { RawArtifact } from '../model/artifact.ts';
import type { ProbeId } from '../model/probe-id.ts';
import { bootTimeFrom, buildNodeState } from './build-node-state.ts';

const LAYER = '9caa9580e946898718f97e9d205d0ac34048d5242ea30c0bc859627483b664be';
const MERGED = `/var/lib/docker/overlay2/${LAYER}/merged`;
const TAKEN_AT = '2026-11-22T10:00:00.000Z';

function art(probe: ProbeId, text: string, extra: Partial<RawArtifact> = {}): RawArtifact {
  return { probe, text, exitCode: 0, durationMs: 12, truncated: false, timedOut: false, ...extra };
}

const devices = ['vdfiw', 'vdfjp', 'vdiko'];
const mountinfo = [
  '27 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw',
  '28 27 0:21 / /proc rw,relatime - proc proc rw',
  `29 27 0:70 / ${MERGED} rw,relatime - overlay overlay rw,lowerdir=/x`,
  ...devices.flatMap((d, i) => [
    `${40 + i * 2} 27 253:${16 * (i + 1)} / /var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-${d}/globalmount rw,relatime shared:${90 + i} - ext4 /dev/${d} rw`,
    `${41 + i * 2} 29 253:${16 * (i + 1)} / ${MERGED}/logxxx_host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-${d}/globalmount rw,relatime shared:${90 + i} - ext4 /dev/${d} rw`,
  ]),
].join('\n');

const ps = [
  '  PID  PPID STAT ELAPSED NLWP %CPU   RSS WCHAN                            COMMAND',
  '    1     0 Ss   9000000    1  0.0 11572 -                                /sbin/init',
  '    2     0 S    9000000    1  0.0     0 kthreadd                         [kthreadd]',
  ...devices.flatMap((d, i) => [
    `${1951 + i * 3}     2 S    9000000    1  0.0     0 kjournald2                       [jbd2/${d}-8]`,
    `${1952 + i * 3}     2 S    9000000    1  0.0     0 kjournald2                       [jbd2-ckpt/${d}]`,
    `${1953 + i * 3}     2 I<   9000000    1  0.0     0 rescuer_thread                   [ext4-rsv-conver]`,
  ]),
  ' 3300  3200 Sl   9000000  300 2022.0 8600000 futex_wait_queue                 /usr/bin/kubelet --config=/var/lib/kubelet/config.yaml',
].join('\n');

const kubeletLog = Array.from(
  { length: 40 },
  (_, i) =>
    `2026-11-22T09:5${Math.floor(i / 10)}:${String((i % 10) * 6).padStart(2, '0')}+0000 node-a kubelet[3300]: E1122 09:5${Math.floor(i / 10)}:${String((i % 10) * 6).padStart(2, '0')}.437193    3300 nestedpendingoperations.go:301] Operation for "{volumeName:kubernetes.io/csi/diskplugin.csi.xxx.com^d-vdfiw podName: nodeName:}" failed. No retries permitted until 2026-11-22 10:00:41.437168443 +0000 UTC m=+21254165.582404754 (durationBeforeRetry 2m2s). Error: "GetDeviceMountRefs check failed for volume "d-vdfiw" (UniqueName: "kubernetes.io/csi/diskplugin.csi.xxx.com^d-vdfiw") on node "node-a" : the device mount path "/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-vdfiw/globalmount" is still mounted by other references [${MERGED}/logxxx_host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-vdfiw/globalmount]"`,
).join('\n');

const dmesg = [
  '2026-11-22T09:12:03,412877+00:00 EXT4-fs (vdfiw): mounted filesystem with ordered data mode. Opts: (null)',
  '2026-11-22T09:40:18,004021+00:00 EXT4-fs error (device vdfiw): __ext4_get_inode_loc:4317: inode #2: block 1095: comm find: unable to read itable block',
  '2026-11-22T09:40:24,000000+00:00 Aborting journal on device vdfiw-8.',
  '2026-11-22T09:40:24,100000+00:00 EXT4-fs (vdfiw): Remounting filesystem read-only',
].join('\n');

const fixture = (name: string) =>
  readFileSync(new URL(`../parsers/fixtures/${name}`, import.meta.url), 'utf8');

function artifacts(): RawArtifact[] {
  return [
    art(
      'system',
      'hostname=node-a\nkernel_release=4.19.91-26.6.al7.x86_64\nnproc=48\nuptime=21254165.00 80000000.00\nloadavg=48.03 43.91 42.94 10/20135 3237254\n',
    ),
    art('mountinfo', mountinfo),
    art('processes', ps),
    art('containers', fixture('containers-docker-incident-a.txt')),
    art('kubelet-proc', fixture('kubelet-proc-incident-a.txt')),
    art('kubelet-log', kubeletLog),
    art('dmesg', dmesg),
    art('systemd', 'ping_rc=124 ping_ms=5003\n', { timedOut: true, exitCode: null }),
    art('psi', '', { exitCode: 1, error: 'channel closed' }),
  ];
}

function lineOf(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

describe('buildNodeState', () => {
  it('derives the boot time from uptime and the snapshot time', () => {
    expect(bootTimeFrom('2026-11-22T10:00:00.000Z', 3600)).toBe('2026-11-22T09:00:00.000Z');
    expect(bootTimeFrom(undefined, 3600)).toBeUndefined();
    expect(bootTimeFrom('not a time', 3600)).toBeUndefined();
  });

  it('keeps the host mount table first and records every probe status', () => {
    const s = buildNodeState(
      [
        art(
          'mountinfo-ns',
          '## ns=mnt:[4026532201] pid=77 comm=fluent-bit\n27 1 254:1 / / rw - ext4 /dev/vda1 rw',
        ),
        art('mountinfo', mountinfo),
      ],
      { takenAt: TAKEN_AT },
    );
    expect(s.mountNamespaces.map((n) => n.isHost)).toEqual([true, false]);
    expect(s.probes.map((p) => p.probe)).toEqual(['mountinfo-ns', 'mountinfo']);
  });

  it('never throws on garbage and turns duplicates into warnings', () => {
    const junk = ['\u0000\u0001', '## ns=\n## \n', '{"unterminated": ', '-'.repeat(5000)].join('\n');
    const all: ProbeId[] = [
      'system',
      'mountinfo',
      'mountinfo-ns',
      'blockdev',
      'processes',
      'cgroups',
      'psi',
      'containers',
      'kubelet-log',
      'runtime-log',
      'dmesg',
      'systemd',
      'kubelet-proc',
    ];
    const r = analyzeArtifacts([...all.map((p) => art(p, junk)), art('dmesg', junk)], { takenAt: TAKEN_AT });
    expect(r.warnings.some((w) => w.message.includes('appears more than once'))).toBe(true);
    expect(r.findings.filter((f) => f.severity === 'critical')).toEqual([]);
  });
});

describe('analyzeArtifacts from raw probe output', () => {
  const arts = artifacts();
  const text = (p: ProbeId) => arts.find((a) => a.probe === p)?.text ?? '';
  const r = analyzeArtifacts(arts, { takenAt: TAKEN_AT });

  it('finds the incident A chain from raw text', () => {
    const rules = r.findings.filter((f) => f.severity !== 'info').map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'mount-propagation-leak',
        'volume-teardown-stuck',
        'container-stuck-removal',
        'filesystem-shutdown',
        'systemd-unresponsive',
      ]),
    );
    const leak = r.findings.find((f) => f.rule === 'mount-propagation-leak');
    expect(leak?.summary).toContain(
      '3 mount records of 3 devices held under the rootfs of container e4261544f8eb, which is dead',
    );
  });

  it('points every evidence line at the raw line it quotes', () => {
    let checked = 0;
    for (const f of r.findings) {
      for (const e of f.evidence) {
        if (e.line === 0 || e.probe === 'containers') continue;
        const raw = lineOf(text(e.probe), e.line);
        const probe = e.text.replace(/…$/, '').slice(-40);
        expect(raw, `${f.rule} ${e.probe}:${e.line}`).toContain(
          e.probe === 'mountinfo' ? e.text.split(' ')[4] : probe,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('computes metrics from the raw text and warns about failed probes', () => {
    expect(r.metrics['mounts.leaked']).toBe(3);
    expect(r.metrics['threads.jbd2']).toBe(3);
    expect(r.metrics['threads.ext4_rsv_conver']).toBe(3);
    expect(r.metrics['log.rate.volume-teardown-stuck']).toBeGreaterThan(0);
    const messages = r.warnings.map((w) => w.message);
    expect(messages).toContain('probe systemd timed out; its output may be partial');
    expect(messages).toContain('probe psi failed: channel closed');
  });
});
