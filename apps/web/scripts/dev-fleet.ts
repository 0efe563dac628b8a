/** A small synthetic fleet for development and screenshots: the five incidents plus healthy peers. */
import type { Finding, Metrics, RawArtifact } from '@nodescope/core';
import type { StoreSnapshotInput } from '@nodescope/db';

type Scenario =
  | 'healthy'
  | 'mount-leak'
  | 'pleg-io-pressure'
  | 'xfs-io-errors'
  | 'cgroup-kmem-leak'
  | 'systemd-hang';

export interface DevNode {
  name: string;
  host: string;
  labels: Record<string, string>;
  scenario: Scenario;
  kernel: string;
  kubelet: string;
  failure?: { state: string; error: string };
}

const POOLS = [
  { cluster: 'prod-east', pool: 'general' },
  { cluster: 'prod-east', pool: 'storage' },
  { cluster: 'prod-west', pool: 'general' },
];
const SICK: Scenario[] = [
  'mount-leak',
  'pleg-io-pressure',
  'xfs-io-errors',
  'cgroup-kmem-leak',
  'systemd-hang',
];

export function devFleet(): DevNode[] {
  const out: DevNode[] = [];
  for (let i = 0; i < 24; i++) {
    const p = POOLS[i % 3] ?? POOLS[0]!;
    const scenario: Scenario = i < SICK.length ? (SICK[i] as Scenario) : 'healthy';
    const old = scenario === 'cgroup-kmem-leak';
    out.push({
      name: `${p.cluster}-${p.pool}-${String(i + 1).padStart(2, '0')}`,
      host: `10.${i % 3}.0.${10 + i}`,
      labels: {
        cluster: p.cluster,
        pool: p.pool,
        zone: `z${(i % 2) + 1}`,
        'node.kubernetes.io/instance-type': i % 4 ? 'ecs.g7.12xlarge' : 'ecs.r7.16xlarge',
      },
      scenario,
      kernel: old
        ? '3.10.0-514.el7.x86_64'
        : scenario === 'mount-leak'
          ? '4.19.91-24.al7.x86_64'
          : '5.15.0-91-generic',
      kubelet: old ? 'v1.9.11' : scenario === 'pleg-io-pressure' ? 'v1.19.16' : 'v1.28.9',
      ...(i === 20
        ? {
            failure: {
              state: 'host-key-changed',
              error:
                'Host key for 10.2.0.30:22 changed: expected SHA256:3kq1…Yw, got SHA256:Vb7m…0c. Refusing to connect.',
            },
          }
        : {}),
      ...(i === 21
        ? { failure: { state: 'unreachable', error: 'connect ETIMEDOUT 10.0.0.31:22 after 10,000 ms' } }
        : {}),
    });
  }
  return out;
}

function wobble(seed: number, step: number): number {
  return Math.sin(seed * 12.9898 + step * 0.7) * 0.5 + 0.5;
}

function lines(xs: string[]): string {
  return `${xs.join('\n')}\n`;
}

function artifact(probe: RawArtifact['probe'], text: string, durationMs = 40): RawArtifact {
  return { probe, text, exitCode: 0, durationMs, truncated: false, timedOut: false };
}

/** One snapshot; `step` 0..47 runs oldest to newest so the incidents grow over the day. */
export function devSnapshot(n: DevNode, takenAt: Date, step: number): Omit<StoreSnapshotInput, 'nodeId'> {
  const seed = n.name.length + n.host.charCodeAt(n.host.length - 1);
  const w = wobble(seed, step);
  const grow = step / 47;
  const m: Metrics = {
    'tasks.total': Math.round(900 + 150 * w),
    'threads.kernel': Math.round(380 + 40 * w),
    'threads.jbd2': 24,
    'threads.jbd2_ckpt': 24,
    'threads.ext4_rsv_conver': 12,
    'threads.kworker': Math.round(120 + 30 * w),
    'threads.other_kernel': 200,
    'mounts.total': Math.round(420 + 60 * w),
    'mounts.leaked': 0,
    'blockdev.count': 14,
    'cgroups.memory': Math.round(180 + 30 * w),
    'cgroups.cpuset': Math.round(180 + 30 * w),
    'cgroups.devices': Math.round(185 + 30 * w),
    'psi.io.some.avg10': Number((1 + 4 * w).toFixed(2)),
    'psi.io.full.avg10': Number((0.3 + 1.5 * w).toFixed(2)),
    'psi.memory.some.avg10': Number((0.2 + w).toFixed(2)),
    'psi.cpu.some.avg10': Number((3 + 5 * w).toFixed(2)),
    'kubelet.cpu_percent': Number((22 + 9 * w).toFixed(1)),
    'kubelet.rss_bytes': Math.round((650 + 100 * w) * 1024 ** 2),
    'pleg.relist_max_gap_s': Number((1 + w * 0.3).toFixed(2)),
    'uptime.s': 86400 * 37 + step * 1800,
    'load.1': Number((6 + 4 * w).toFixed(2)),
    cpus: 48,
    'mem.total_bytes': 310 * 1024 ** 3,
  };
  const findings: Finding[] = [];
  const kubelet: string[] = [];
  const dmesg: string[] = [];
  const mountinfo: string[] = [
    '22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw',
    '23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw',
  ];
  const ts = (d: Date) => d.toISOString().slice(11, 23);
  for (let i = 0; i < 40; i++)
    kubelet.push(
      `I1122 ${ts(takenAt)} 1234 kubelet.go:2214] "SyncLoop (PLEG): event for pod" pod="default/web-${i}"`,
    );
  for (let i = 0; i < 20; i++)
    dmesg.push(
      `[${(100 + i * 3.1).toFixed(6)}] IPv6: ADDRCONF(NETDEV_CHANGE): cali${i}a4: link becomes ready`,
    );

  if (n.scenario === 'mount-leak') {
    const leaked = Math.round(200 + 12_577 * grow);
    m['kubelet.cpu_percent'] = Number((26 + 1996 * grow).toFixed(1));
    m['kubelet.rss_bytes'] = Math.round((700 + 7900 * grow) * 1024 ** 2);
    m['threads.jbd2'] = Math.round(24 + 6361 * grow);
    m['threads.jbd2_ckpt'] = Math.round(24 + 6361 * grow);
    m['threads.ext4_rsv_conver'] = Math.round(12 + 6373 * grow);
    m['threads.kernel'] = Math.round(380 + 19_418 * grow);
    m['tasks.total'] = Math.round(900 + 19_235 * grow);
    m['mounts.total'] = Math.round(420 + 26_083 * grow);
    m['mounts.leaked'] = leaked;
    m['blockdev.count'] = Math.round(14 + 6371 * grow);
    for (let i = 0; i < Math.min(leaked, 3000); i++) {
      mountinfo.push(
        `${1000 + i} 22 253:${16 + i} / /var/lib/container/docker/overlay2/9caa64be/merged/logxxx_host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-${(1e6 + i).toString(36)}/globalmount rw,relatime master:${300 + i} - ext4 /dev/vd${(i + 10).toString(36)} rw`,
      );
    }
    for (let i = 0; i < 60; i++) {
      kubelet.push(
        `E1122 ${ts(takenAt)} 1234 nestedpendingoperations.go:301] Operation for "{volumeName:kubernetes.io/csi/diskplugin.csi.xxx.com^d-bp1dtkaipms3op8${i}vnb}" failed. No retries permitted until ${ts(takenAt)} (durationBeforeRetry 2m2s). Error: "GetDeviceMountRefs check failed for volume: the device mount path \\"/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-${i}/globalmount\\" is still mounted by other references [/var/lib/container/docker/overlay2/9caa64be/merged/logxxx_host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-${i}/globalmount]"`,
      );
    }
    dmesg.push(
      '[3712.004410] EXT4-fs error (device vdfiw): __ext4_get_inode_loc:4317: inode #2: block 1095: comm find: unable to read itable block',
    );
    dmesg.push('[3712.004980] Aborting journal on device vdfiw-8.');
    dmesg.push('[3712.005310] EXT4-fs (vdfiw): Remounting filesystem read-only');
    if (step > 6) {
      findings.push({
        rule: 'mount-propagation-leak',
        severity: 'critical',
        title: `${leaked.toLocaleString('en-US')} host volume mounts leaked into a dead container's rootfs`,
        summary: `Container 9caa64be (Removal In Progress) holds ${leaked.toLocaleString('en-US')} propagated CSI globalmount copies under merged/logxxx_host.`,
        evidence: [3, 4, 5].map((line) => ({
          probe: 'mountinfo' as const,
          line,
          text: mountinfo[line - 1] ?? '',
        })),
        evidenceTotal: leaked,
        metrics: { 'mounts.leaked': leaked },
        details: { container: '9caa64be', leakedPaths: leaked },
      });
      findings.push({
        rule: 'volume-teardown-stuck',
        severity: 'warning',
        title: 'kubelet retries GetDeviceMountRefs for 60 volumes',
        summary:
          'Unmount of CSI volumes fails because the device mount path is still referenced inside a container rootfs.',
        evidence: [41, 42].map((line) => ({
          probe: 'kubelet-log' as const,
          line,
          text: kubelet[line - 1] ?? '',
        })),
        evidenceTotal: 60,
        metrics: { 'log.rate.volume-teardown-stuck': 60 },
      });
      m['log.rate.volume-teardown-stuck'] = Math.round(60 + 900 * grow);
    }
    if (step > 20) {
      findings.push({
        rule: 'kernel-thread-flood',
        severity: 'critical',
        title: `${m['threads.kernel']?.toLocaleString('en-US')} kernel threads: jbd2 / ext4-rsv-conver per leaked device`,
        summary: 'Three kernel threads per journaled ext4 device that stays mounted.',
        evidence: [],
        evidenceTotal: 0,
        metrics: { 'threads.kernel': m['threads.kernel'] ?? 0 },
      });
      findings.push({
        rule: 'filesystem-shutdown',
        severity: 'warning',
        title: 'EXT4 vdfiw remounted read-only after journal abort',
        summary: 'Aborting journal on device vdfiw-8, then remount read-only.',
        evidence: [21, 22, 23].map((line) => ({
          probe: 'dmesg' as const,
          line,
          text: dmesg[line - 1] ?? '',
        })),
        evidenceTotal: 3,
        metrics: {},
      });
    }
  } else if (n.scenario === 'pleg-io-pressure') {
    m['psi.io.some.avg10'] = Number((5 + 70 * grow * w + 10).toFixed(2));
    m['psi.io.full.avg10'] = Number((2 + 50 * grow * w).toFixed(2));
    m['pleg.relist_max_gap_s'] = Number((1 + 41 * grow * (0.5 + w / 2)).toFixed(1));
    kubelet.push(`I1122 05:48:07.100000 1234 generic.go:191] "GenericPLEG: Relisting"`);
    kubelet.push(`I1122 05:48:49.400000 1234 generic.go:191] "GenericPLEG: Relisting"`);
    kubelet.push(
      `E1122 05:48:50.000000 1234 kubelet.go:2298] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m0.3s ago; threshold is 3m0s"`,
    );
    if (step > 10) {
      findings.push({
        rule: 'pleg-unhealthy',
        severity: 'critical',
        title: 'PLEG is not healthy: relist gap of 42 s',
        summary: 'GenericPLEG relisted at 05:48:07 and next at 05:48:49; kubelet reported PLEG not healthy.',
        evidence: [41, 42, 43].map((line) => ({
          probe: 'kubelet-log' as const,
          line,
          text: kubelet[line - 1] ?? '',
        })),
        evidenceTotal: 3,
        metrics: { 'pleg.relist_max_gap_s': 42 },
      });
      findings.push({
        rule: 'pressure-stall',
        severity: 'warning',
        title: `io pressure ${m['psi.io.some.avg10']}% (some, avg10)`,
        summary: 'Tasks stall on I/O; overlay umount syncs dirty pages.',
        evidence: [],
        evidenceTotal: 0,
        metrics: { 'psi.io.some.avg10': m['psi.io.some.avg10'] ?? 0 },
      });
    }
  } else if (n.scenario === 'xfs-io-errors') {
    dmesg.push('[72001.120000] SLUB: Unable to allocate memory on node -1 (gfp=0x8020)');
    dmesg.push('[72005.500000] blk_update_request: I/O error, dev vdb, sector 104857600');
    dmesg.push(
      '[72005.500100] XFS (vdb): metadata I/O error: block 0x6400000 ("xlog_iodone") error 5 numblks 64',
    );
    dmesg.push(
      '[72005.500200] XFS (vdb): xfs_do_force_shutdown(0x2) called from line 1272 of file fs/xfs/xfs_log.c',
    );
    dmesg.push('[72005.500300] XFS (vdb): Log I/O Error Detected. Shutting down filesystem');
    findings.push({
      rule: 'disk-io-errors',
      severity: 'critical',
      title: 'I/O errors on vdb, XFS metadata I/O error 5',
      summary: 'blk_update_request I/O error on vdb followed by XFS metadata I/O errors.',
      evidence: [22, 23].map((line) => ({ probe: 'dmesg' as const, line, text: dmesg[line - 1] ?? '' })),
      evidenceTotal: 2,
      metrics: {},
    });
    findings.push({
      rule: 'filesystem-shutdown',
      severity: 'critical',
      title: 'XFS vdb shut down',
      summary: 'xfs_do_force_shutdown(0x2): Log I/O Error Detected.',
      evidence: [24, 25].map((line) => ({ probe: 'dmesg' as const, line, text: dmesg[line - 1] ?? '' })),
      evidenceTotal: 2,
      metrics: {},
    });
    findings.push({
      rule: 'slab-allocation-failure',
      severity: 'warning',
      title: 'SLUB unable to allocate memory (blkdev_ioc)',
      summary: 'Memory allocation failure 20 hours before the I/O errors.',
      evidence: [{ probe: 'dmesg', line: 21, text: dmesg[20] ?? '' }],
      evidenceTotal: 1,
      metrics: {},
    });
  } else if (n.scenario === 'cgroup-kmem-leak') {
    m['cgroups.memory'] = Math.round(8000 + 55_000 * grow);
    m['cgroups.cpuset'] = Math.round(9000 + 220_000 * grow);
    m['cgroups.devices'] = Math.round(9000 + 220_504 * grow);
    if (step > 15) {
      findings.push({
        rule: 'cgroup-id-exhaustion',
        severity: step > 35 ? 'critical' : 'warning',
        title: `memory cgroup ids near the 65,535 limit (${m['cgroups.memory']?.toLocaleString('en-US')})`,
        summary: 'Deleted memory cgroups keep their ids while kmem accounting is on.',
        evidence: [],
        evidenceTotal: 0,
        metrics: { 'cgroups.memory': m['cgroups.memory'] ?? 0 },
      });
      findings.push({
        rule: 'kmem-accounting-risk',
        severity: 'warning',
        title: 'kmem accounting enabled on kernel 3.10',
        summary: 'memory.kmem.slabinfo readable under kubepods.',
        evidence: [],
        evidenceTotal: 0,
        metrics: {},
      });
    }
  } else if (n.scenario === 'systemd-hang') {
    m['systemd.ping_ms'] = 25_000;
    findings.push({
      rule: 'systemd-unresponsive',
      severity: 'critical',
      title: 'systemd does not answer on D-Bus (ping timed out after 25 s)',
      summary: "Failed to activate service 'org.freedesktop.systemd1': timed out",
      evidence: [],
      evidenceTotal: 0,
      metrics: {},
    });
    findings.push({
      rule: 'runc-stuck',
      severity: 'warning',
      title: '14 runc processes older than 5 minutes',
      summary: 'runc blocked writing to the org.freedesktop.systemd1 bus.',
      evidence: [],
      evidenceTotal: 0,
      metrics: {},
    });
  }
  const system = lines([
    `Linux ${n.name} ${n.kernel} #1 SMP x86_64 GNU/Linux`,
    `uptime ${m['uptime.s']}`,
    `loadavg ${m['load.1']} 5.1 4.9 3/${m['tasks.total']} 12345`,
    `nproc ${m.cpus}`,
    'MemTotal:       325058560 kB',
    `kubelet ${n.kubelet}`,
    'runtime containerd 1.6.21',
  ]);
  return {
    takenAt,
    status: n.scenario === 'systemd-hang' ? 'partial' : 'complete',
    durationMs: 1800 + Math.round(400 * w),
    artifacts: [
      artifact('system', system, 35),
      artifact('mountinfo', lines(mountinfo), 60),
      artifact('kubelet-log', lines(kubelet), 220),
      artifact('dmesg', lines(dmesg), 30),
      ...(n.scenario === 'systemd-hang'
        ? [
            {
              probe: 'systemd' as const,
              text: '',
              exitCode: null,
              durationMs: 25_000,
              truncated: false,
              timedOut: true,
              error: 'timed out after 25,000 ms',
            },
          ]
        : []),
    ],
    findings,
    metrics: m,
    facts: { kernelRelease: n.kernel, kubeletVersion: n.kubelet },
  };
}
