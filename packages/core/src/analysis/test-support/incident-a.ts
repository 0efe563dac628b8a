import type { LogEvent, MountEntry, NodeState, ProcessEntry } from '../../model/node-state.ts';
import {
  at,
  container,
  disk,
  events,
  hostNs,
  kthread,
  type MountSpec,
  mount,
  nodeState,
  proc,
} from './builders.ts';

/**
 * Incident A (seed 000): a dead log-collector container whose rootfs holds propagated copies
 * of every CSI disk mount. scale=1 reproduces the seed's numbers: 26,503 mount records,
 * 6,385 devices, 12,777 leaked copies, 20,135 tasks (19,798 kernel threads: 12,769
 * jbd2/jbd2-ckpt, 6,385 ext4-rsv-conver), ~4,000 kubelet GetDeviceMountRefs errors.
 */

export const A_LAYER = '9caa9580e946898718f97e9d205d0ac34048d5242ea30c0bc859627483b664be';
export const A_CONTAINER = 'e4261544f8eb355ee438c61a5c121217d54b54244d2957e495aa234f77444288';
export const A_MERGED = `/var/lib/container/docker/overlay2/${A_LAYER}/merged`;
export const A_TAKEN_AT = '2024-04-12T07:31:00.000Z';

const SEED = {
  devices: 6_385,
  mountRecords: 26_503,
  leakedCopies: 12_777,
  tasks: 20_135,
  kernelThreads: 19_798,
  kubeletErrors: 4_000,
};

/** Device names like the seed's: vdfiw is the first, then four or more letters (no clash with it). */
export function deviceName(i: number): string {
  if (i === 0) return 'vdfiw';
  let n = i + 26 ** 3;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return `vd${s}`;
}

export function majMinOfDevice(i: number): string {
  return `${260 + Math.floor(i / 1000)}:${(i % 1000) * 16}`;
}

export function pvName(i: number): string {
  return i === 0 ? 'd-bp1iau7367wkpf6xqdpv' : `d-bp1${i.toString(36).padStart(15, '0')}`;
}

export interface IncidentA {
  state: NodeState;
  devices: number;
  leakedCopies: number;
  /** mountinfo line -> mount point, to check evidence lines. */
  mountLines: Map<number, string>;
  kubeletErrors: number;
}

export function incidentA(scale = 1): IncidentA {
  const devices = Math.max(8, Math.round(SEED.devices * scale));
  const extraLeaked = 7;
  const leakedCopies = devices * 2 + extraLeaked;
  const mounts: MountEntry[] = [];
  let line = 0;
  const add = (s: Omit<MountSpec, 'line'>) => {
    line++;
    mounts.push(mount({ ...s, line }));
  };
  add({ majMin: '254:1', mountPoint: '/', source: '/dev/vda1' });
  add({ majMin: '0:4', mountPoint: '/proc', fsType: 'proc', source: 'proc' });
  add({ majMin: '0:70', mountPoint: A_MERGED, fsType: 'overlay', source: 'overlay' });
  for (let i = 0; i < devices; i++) {
    const mm = majMinOfDevice(i);
    const src = `/dev/${deviceName(i)}`;
    const pv = pvName(i);
    add({
      majMin: mm,
      mountPoint: `/var/lib/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount`,
      source: src,
    });
    add({
      majMin: mm,
      mountPoint: `/var/lib/container/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount`,
      source: src,
    });
    add({
      majMin: mm,
      mountPoint: `${A_MERGED}/logxxx_host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount`,
      source: src,
    });
    add({
      majMin: mm,
      mountPoint: `${A_MERGED}/logxxx_host/var/lib/container/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount`,
      source: src,
    });
  }
  for (let i = 0; i < extraLeaked; i++) {
    add({
      majMin: majMinOfDevice(i),
      mountPoint: `${A_MERGED}/logxxx_host/var/lib/kubelet/pods/e2c23872-1f00-4000-8000-00000000000${i}/volumes/kubernetes.io~csi/pvc-${i}/mount`,
      source: `/dev/${deviceName(i)}`,
    });
  }
  // Everything else on the host: pod secrets, other containers' rootfs overlays.
  const target = scale === 1 ? SEED.mountRecords : mounts.length + 20;
  for (let k = 0; mounts.length < target; k++) {
    if (k % 2 === 0) {
      add({
        majMin: '0:90',
        mountPoint: `/var/lib/kubelet/pods/0000${k.toString(16).padStart(4, '0')}-0000-4000-8000-000000000000/volumes/kubernetes.io~secret/token`,
        fsType: 'tmpfs',
        source: 'tmpfs',
      });
    } else {
      add({
        majMin: '0:91',
        mountPoint: `/var/lib/docker/overlay2/${k.toString(16).padStart(64, 'a')}/merged`,
        fsType: 'overlay',
        source: 'overlay',
      });
    }
  }
  const mountLines = new Map(mounts.map((m) => [m.line, m.mountPoint]));

  const blockDevices = [disk('vda', '254:0', 1), disk('vda1', '254:1', 2, ['/'])];
  for (let i = 0; i < devices; i++) blockDevices.push(disk(deviceName(i), majMinOfDevice(i), i + 3));

  const processes: ProcessEntry[] = [];
  let pline = 1;
  let pid = 100;
  const kernelTarget = scale === 1 ? SEED.kernelThreads : devices * 3 + 100;
  const taskTarget = scale === 1 ? SEED.tasks : kernelTarget + 50;
  for (let i = 0; i < devices; i++) {
    const name = deviceName(i);
    processes.push(kthread(`jbd2/${name}-8`, pid++, ++pline));
    // The seed's 12,769 = 6,385 jbd2 + 6,384 jbd2-ckpt: one filesystem has no checkpoint thread.
    if (i !== devices - 1) processes.push(kthread(`jbd2-ckpt/${name}`, pid++, ++pline));
    processes.push(kthread('ext4-rsv-conver', pid++, ++pline));
  }
  for (let k = 0; processes.length < kernelTarget; k++) {
    processes.push(
      kthread(k % 3 === 0 ? `kworker/${k % 48}:1-events` : `ksoftirqd/${k % 48}`, pid++, ++pline),
    );
  }
  processes.push(
    proc({
      pid: 3237254,
      comm: 'kubelet',
      args: '/usr/bin/kubelet --root-dir=/var/lib/container/kubelet',
      line: ++pline,
    }),
  );
  while (processes.length < taskTarget) {
    processes.push(proc({ pid: pid++, comm: 'sleep', args: 'sleep 3600', line: ++pline }));
  }

  const kubeletErrors =
    scale === 1 ? SEED.kubeletErrors : Math.max(40, Math.round(SEED.kubeletErrors * scale));
  const kubelet: LogEvent[] = events('kubelet-log', [
    {
      message: 'Started kubelet: The Kubernetes Node Agent.',
      unit: 'systemd',
      time: '2024-04-12T07:25:00.000Z',
    },
  ]);
  const base = '2024-04-12T07:28:00.000Z';
  for (let i = 0; i < kubeletErrors; i++) {
    const pv = pvName(i % Math.min(devices, 50));
    kubelet.push({
      probe: 'kubelet-log',
      line: kubelet.length + 1,
      lineCount: 1,
      level: 'E',
      unit: 'kubelet',
      sourceLoc: 'nestedpendingoperations.go:301',
      time: at(base, (i * 180) / kubeletErrors),
      message: `Operation for "{volumeName:kubernetes.io/csi/diskplugin.csi.xxx.com^${pv} podName: nodeName:}" failed. No retries permitted until 2024-04-12 15:30:41.437168443 +0800 CST m=+21254165.582404754 (durationBeforeRetry 2m2s). Error: "GetDeviceMountRefs check failed for volume "${pv}" (UniqueName: "kubernetes.io/csi/diskplugin.csi.xxx.com^${pv}") on node "k8s-prd-standard-43.113" : the device mount path "/var/lib/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount" is still mounted by other references [${A_MERGED}/logxxx_host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount ${A_MERGED}/logxxx_host/var/lib/container/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount /var/lib/container/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount]"`,
    });
  }

  const dmesg = events('dmesg', [
    'EXT4-fs warning (device vdfiw): htree_dirblock_to_tree:995: inode #2: lblock 0: comm find: error -5 reading directory block',
    'EXT4-fs error (device vdfiw): __ext4_get_inode_loc:4317: inode #2: block 1095: comm find: unable to read itable block',
    'EXT4-fs error (device vdfiw) in ext4_reserve_inode_write:5543: IO failure',
    'Aborting journal on device vdfiw-8.',
    'JBD2: Error -5 detected when updating journal superblock for vdfiw-8.',
    'EXT4-fs (vdfiw): error count since last fsck: 2',
    'EXT4-fs error (device vdfiw): ext4_journal_check_start:61: Detected aborted journal',
    'EXT4-fs (vdfiw): Remounting filesystem read-only',
  ]).map((e, i) => ({ ...e, time: at('2024-04-08T02:19:15.000Z', i) }));

  const state = nodeState({
    system: {
      hostname: 'k8s-prd-standard-43.113',
      kernelRelease: '4.19.91-26.6.al7.x86_64',
      cpus: 48,
      loadAvg: [48.03, 43.91, 42.94],
      memTotalKb: 310 * 1024 * 1024,
      uptimeSeconds: 21_254_165,
      runtimeName: 'docker',
    },
    mountNamespaces: [hostNs(mounts)],
    blockDevices,
    processes,
    containers: [
      container({
        id: A_CONTAINER,
        name: 'k8s_logxxx_logxxx-ds-hsbv9_kube-system_93e182b4-ed88-4344-8c8d-e22af0407be8_0',
        state: 'dead',
        status: 'Removal In Progress',
        error: `container ${A_CONTAINER}: driver "overlay2" failed to remove root filesystem: unlinkat /var/lib/docker/overlay2/${A_LAYER}/merged: device or resource busy`,
        line: 2,
      }),
      container({ id: 'f'.repeat(64), name: 'k8s_app_web-1', line: 3 }),
    ],
    kubeletProc: { pid: 3237254, cpuPercent: 2022, rssKb: Math.round(8.6 * 1024 * 1024), threads: 412 },
    logs: { 'kubelet-log': kubelet, 'runtime-log': [], dmesg },
    probes: [],
  });
  return { state, devices, leakedCopies, mountLines, kubeletErrors };
}

/** Healthy pool peers of incident A: kubelet at ~26.7% CPU, ~700 MB RSS. */
export function incidentAPeers(): { name: string; metrics: Record<string, number> }[] {
  const cpu = [24.1, 26.7, 31.2, 25.9, 28.4];
  return cpu.map((c, i) => ({
    name: `k8s-prd-standard-43.${114 + i}`,
    metrics: {
      'kubelet.cpu_percent': c,
      'kubelet.rss_bytes': 700 * 1024 * 1024,
      'tasks.total': 1_900 + i * 10,
      'threads.kernel': 1_100 + i * 5,
      'mounts.total': 900 + i,
      'psi.io.some.avg10': 0.5,
    },
  }));
}
