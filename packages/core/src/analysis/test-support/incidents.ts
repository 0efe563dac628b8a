import type { LogEvent, NodeState, ProcessEntry } from '../../model/node-state.ts';
import { at, container, disk, events, hostNs, kthread, mount, nodeState, otherNs, proc } from './builders.ts';

/** Node states shaped like a healthy worker and incidents B-E, with the seeds' numbers. */

function baseProcesses(kernel = 180, user = 120): ProcessEntry[] {
  const out: ProcessEntry[] = [];
  let line = 1;
  let pid = 2;
  const names = [
    'ksoftirqd/0',
    'migration/0',
    'rcu_gp',
    'kworker/0:1-events',
    'kworker/u8:2-events_unbound',
    'watchdog/0',
    'kblockd',
  ];
  for (let i = 0; i < kernel; i++) out.push(kthread(names[i % names.length] as string, pid++, ++line));
  out.push(kthread('jbd2/vda1-8', pid++, ++line));
  out.push(kthread('ext4-rsv-conver', pid++, ++line));
  out.push(
    proc({
      pid: 1000,
      comm: 'kubelet',
      args: '/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml',
      line: ++line,
      elapsedSeconds: 86_400,
    }),
  );
  out.push(
    proc({
      pid: 1001,
      comm: 'containerd',
      args: '/usr/bin/containerd',
      line: ++line,
      elapsedSeconds: 86_400,
    }),
  );
  out.push(
    proc({
      pid: 1002,
      comm: 'containerd-shim',
      args: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${'a'.repeat(64)} -address /run/containerd/containerd.sock`,
      line: ++line,
      elapsedSeconds: 86_000,
    }),
  );
  for (let i = 0; i < user; i++)
    out.push(proc({ pid: 2000 + i, comm: 'sh', args: 'sh -c sleep 60', line: ++line }));
  return out;
}

function psi(io: number, ioFull: number, mem = 0, cpu = 0.5): NodeState['pressure'] {
  const l = (avg10: number, line: number) => ({
    avg10,
    avg60: avg10 * 0.9,
    avg300: avg10 * 0.7,
    total: 123456,
    line,
  });
  return {
    available: true,
    cpu: { some: l(cpu, 2) },
    memory: { some: l(mem, 5), full: l(mem / 2, 6) },
    io: { some: l(io, 8), full: l(ioFull, 9) },
  };
}

export function healthyNode(): NodeState {
  const t0 = '2026-11-22T09:00:00.000Z';
  const kubelet: LogEvent[] = events(
    'kubelet-log',
    Array.from({ length: 120 }, (_, i) => ({
      message: i % 2 === 0 ? '"GenericPLEG: Relisting"' : 'Successfully probed pod',
      level: 'I' as const,
      sourceLoc: 'generic.go:191',
      time: at(t0, i * 0.5),
    })),
  );
  return nodeState({
    system: {
      hostname: 'worker-1',
      kernelRelease: '5.10.0-28-amd64',
      cpus: 8,
      loadAvg: [0.4, 0.5, 0.6],
      uptimeSeconds: 86_400,
      memTotalKb: 32 * 1024 * 1024,
    },
    mountNamespaces: [
      hostNs([
        mount({ majMin: '254:1', mountPoint: '/', source: '/dev/vda1', line: 1 }),
        mount({ majMin: '0:22', mountPoint: '/proc', fsType: 'proc', source: 'proc', line: 2 }),
        mount({
          majMin: '254:16',
          mountPoint: '/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pvc-1/globalmount',
          source: '/dev/vdb',
          line: 3,
        }),
        mount({
          majMin: '254:16',
          mountPoint:
            '/var/lib/kubelet/pods/11111111-2222-3333-4444-555555555555/volumes/kubernetes.io~csi/pvc-1/mount',
          source: '/dev/vdb',
          line: 4,
        }),
        mount({
          majMin: '0:50',
          mountPoint: `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${'a'.repeat(64)}/rootfs`,
          fsType: 'overlay',
          source: 'overlay',
          line: 5,
        }),
      ]),
      // The pod that uses the volume sees it at its own path: normal, not a leak.
      otherNs('4026532201', [mount({ majMin: '254:16', mountPoint: '/data', source: '/dev/vdb', line: 2 })], {
        pid: 3000,
        comm: 'postgres',
        line: 1,
      }),
    ],
    blockDevices: [disk('vda', '254:0', 1), disk('vda1', '254:1', 2, ['/']), disk('vdb', '254:16', 3)],
    processes: [
      ...baseProcesses(),
      proc({ pid: 3000, ppid: 1002, comm: 'postgres', args: 'postgres', line: 400 }),
    ],
    containers: [
      container({ id: 'a'.repeat(64), name: 'postgres', runtime: 'containerd', pid: 3000, line: 2 }),
    ],
    cgroups: {
      version: 1,
      hierarchies: [
        { subsys: 'memory', hierarchyId: 7, numCgroups: 150, enabled: true, line: 5 },
        { subsys: 'cpuset', hierarchyId: 10, numCgroups: 40, enabled: true, line: 2 },
      ],
      dirCounts: { memory: { count: 148, line: 20 }, cpuset: { count: 40, line: 21 } },
      kmem: { slabinfoReadable: false, limitSet: false, line: 30 },
    },
    pressure: psi(0.1, 0),
    systemd: { pingMs: 3, pingTimedOut: false, systemState: 'running', failedUnits: [], errors: [] },
    kubeletProc: { pid: 1000, cpuPercent: 4.2, rssKb: 120_000, threads: 40 },
    logs: {
      'kubelet-log': kubelet,
      'runtime-log': events('runtime-log', [
        'level=info msg="starting containerd" revision=1 version=1.7.13',
      ]),
      dmesg: events('dmesg', [
        'Linux version 5.10.0-28-amd64',
        'EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)',
      ]),
    },
  });
}

/** Incident B (seed 001): PLEG relist gaps under containerd lock contention and I/O pressure. */
export function incidentB(): NodeState {
  const t0 = '2023-06-02T05:40:00.000Z';
  const kubelet: LogEvent[] = [];
  const push = (
    message: string,
    time: string,
    level: LogEvent['level'] = 'I',
    sourceLoc = 'generic.go:191',
  ) =>
    kubelet.push({
      probe: 'kubelet-log',
      line: kubelet.length + 1,
      lineCount: 1,
      message,
      time,
      level,
      sourceLoc,
      unit: 'kubelet_init',
    });
  // Relists every second up to 05:48:07, a 42 s gap to 05:48:49, then every second again.
  for (let s = 0; s <= 487; s++) push('"GenericPLEG: Relisting"', at(t0, s + 0.35));
  for (let s = 529; s <= 600; s++) push('"GenericPLEG: Relisting"', at(t0, s + 0.67));
  push(
    '"Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m0.5s ago; threshold is 3m0s"',
    at(t0, 700),
    'E',
    'kubelet.go:2161',
  );
  push(
    '"Node became not ready" node="node-b" condition={Type:Ready Status:False Reason:KubeletNotReady Message:PLEG is not healthy: pleg was last seen active 3m0.1s ago; threshold is 3m0s}',
    at(t0, 701),
    'I',
    'setters.go:548',
  );
  const runtime = events(
    'runtime-log',
    Array.from({ length: 3 }, (_, i) => ({
      message:
        'failed to handle container TaskExit event &TaskExit{ContainerID:8f71eadd772ffde7f9537998844aa3f7a8a4f15ec182a5943ef0d60f242b1929,ID:8f71eadd772ffde7f9537998844aa3f7a8a4f15ec182a5943ef0d60f242b1929,Pid:3658,ExitStatus:0,} error="failed to stop container: failed to delete task: context deadline exceeded: unknown"',
      level: 'E' as const,
      unit: 'containerd',
      time: at(t0, 300 + i * 10),
    })),
  );
  return nodeState({
    system: {
      hostname: 'node-b',
      kernelRelease: '5.15.0-76-generic',
      cpus: 16,
      uptimeSeconds: 3_000_000,
      kubeletVersion: 'v1.19.16',
      runtimeName: 'containerd',
      runtimeVersion: '1.6.21',
    },
    processes: baseProcesses(),
    pressure: psi(63.2, 41.5, 1.2, 12),
    logs: { 'kubelet-log': kubelet, 'runtime-log': runtime, dmesg: [] },
  });
}

/** Incident C (seed 002): kubelet restart loop on I/O errors, XFS shutdown, SLUB failures 21 h earlier. */
export function incidentC(): NodeState {
  const kubelet: LogEvent[] = [];
  const t0 = '2019-04-14T23:53:00.000Z';
  for (let i = 0; i < 6; i++) {
    const t = at(t0, i * 1.2);
    const add = (message: string, unit: string, extra: Partial<LogEvent> = {}) =>
      kubelet.push({
        probe: 'kubelet-log',
        line: kubelet.length + 1,
        lineCount: 1,
        message,
        unit,
        time: t,
        ...extra,
      });
    add('Starting Kubernetes Kubelet Server...', 'systemd');
    add('Started Kubernetes Kubelet Server.', 'systemd');
    add(
      'log: exiting because of error: write /data/log/kubernetes/kubelet.k8s-node-xxx.root.log.INFO.20190413-093251.31732: input/output error',
      'kubelet',
    );
    add('read /var/lib/kubelet/pki/kubelet.crt: input/output error', 'kubelet', {
      level: 'F',
      sourceLoc: 'server.go:141',
    });
    add('kubelet.service: main process exited, code=exited, status=255/n/a', 'systemd');
    add('Unit kubelet.service entered failed state.', 'systemd');
    add('kubelet.service failed.', 'systemd');
    add('kubelet.service holdoff time over, scheduling restart.', 'systemd');
  }
  const slub = '2019-04-14T02:46:00.000Z';
  const dmesgSpecs: { message: string; time: string }[] = [];
  for (let i = 0; i < 5; i++) {
    dmesgSpecs.push({
      message: 'SLUB: Unable to allocate memory on node -1 (gfp=0x8020)',
      time: at(slub, i * 40),
    });
    dmesgSpecs.push({
      message:
        'cache: blkdev_ioc(480:73b7c7b6509ef942a880608bfbfc2c49060f994f595225b849aa610274c233ba), object size: 104, buffer size: 104, default order: 0, min order: 0',
      time: at(slub, i * 40),
    });
    dmesgSpecs.push({ message: 'node 0: slabs: 6, objs: 234, free: 0', time: at(slub, i * 40) });
  }
  const io = '2019-04-14T23:53:00.000Z';
  const ioLines = [
    'blk_update_request: I/O error, dev vdb, sector 1048930768',
    'XFS (vdb): metadata I/O error: block 0x3e8569d0 ("xlog_iodone") error 5 numblks 64',
    'XFS (vdb): xfs_do_force_shutdown(0x2) called from line 1180 of file fs/xfs/xfs_log.c. Return address = 0xffffffffa0260d76',
    'XFS (vdb): Log I/O Error Detected. Shutting down filesystem',
    'XFS (vdb): Please umount the filesystem and rectify the problem(s)',
    'blk_update_request: I/O error, dev vda, sector 21597664',
    'XFS (vda1): metadata I/O error: block 0x14985e0 ("xfs_trans_read_buf_map") error 5 numblks 8',
    'blk_update_request: I/O error, dev vda, sector 88008',
    'blk_update_request: I/O error, dev vda, sector 1570264',
    'XFS (vdb): xfs_log_force: error -5 returned.',
    'XFS (vdb): xfs_log_force: error -5 returned.',
    'XFS (vdb): xfs_log_force: error -5 returned.',
  ];
  ioLines.forEach((message, i) => {
    dmesgSpecs.push({ message, time: at(io, i) });
  });
  return nodeState({
    system: {
      hostname: 'k8s-node-xxx',
      kernelRelease: '3.10.0-957.el7.x86_64',
      cpus: 32,
      uptimeSeconds: 9_000_000,
    },
    mountNamespaces: [
      hostNs([
        mount({ majMin: '253:1', mountPoint: '/', fsType: 'xfs', source: '/dev/vda1', line: 1 }),
        mount({ majMin: '253:16', mountPoint: '/data', fsType: 'xfs', source: '/dev/vdb', line: 2 }),
      ]),
    ],
    blockDevices: [
      disk('vda', '253:0', 1),
      disk('vda1', '253:1', 2, ['/']),
      disk('vdb', '253:16', 3, ['/data']),
    ],
    processes: baseProcesses(),
    logs: { 'kubelet-log': kubelet, 'runtime-log': [], dmesg: events('dmesg', dmesgSpecs) },
  });
}

/** Incident D (seed 003): memory cgroup id leak with kmem accounting on kernel 3.10. */
export function incidentD(): NodeState {
  const subsys: [string, number, number][] = [
    ['cpuset', 10, 229_418],
    ['cpu', 6, 118],
    ['cpuacct', 6, 118],
    ['memory', 7, 109],
    ['devices', 3, 229_504],
    ['freezer', 5, 32],
    ['net_cls', 4, 32],
    ['blkio', 9, 118],
    ['perf_event', 11, 32],
    ['hugetlb', 2, 32],
    ['pids', 8, 32],
    ['net_prio', 4, 32],
  ];
  const t0 = '2018-03-20T04:59:09.000Z';
  const kubelet = events(
    'kubelet-log',
    Array.from({ length: 12 }, (_, i) => ({
      message: `RunPodSandbox from runtime service failed: rpc error: code = Unknown desc = failed to start sandbox container for pod "osp-xxx-com-ljqm19-54bf7678b8-bvz9s": Error response from daemon: oci runtime error: container_linux.go:247: starting container process caused "process_linux.go:258: applying cgroup configuration for process caused \\"mkdir /sys/fs/cgroup/memory/kubepods/burstable/podf1bd9e87-1ef2-11e8-afd3-fa163ecf2dce/8710c146b3c8b52f5da62e222273703b1e3d54a6a6270a0ea7ce1b194f1b5053: no space left on device\\""`,
      level: 'E' as const,
      sourceLoc: 'remote_runtime.go:92',
      time: at(t0, i * 30),
    })),
  );
  return nodeState({
    system: {
      hostname: 'ns-k8s-node001',
      kernelRelease: '3.10.0-514.10.2.el7.x86_64',
      cpus: 32,
      kubeletVersion: 'v1.9.0',
    },
    processes: baseProcesses(),
    cgroups: {
      version: 1,
      hierarchies: subsys.map(([s, h, n], i) => ({
        subsys: s,
        hierarchyId: h,
        numCgroups: n,
        enabled: true,
        line: i + 2,
      })),
      dirCounts: {
        cpuset: { count: 121, line: 20 },
        'cpu,cpuacct': { count: 118, line: 21 },
        memory: { count: 109, line: 22 },
        devices: { count: 121, line: 23 },
      },
      kmem: { slabinfoReadable: true, limitSet: true, limitBytes: 2 ** 62, line: 26 },
    },
    logs: {
      'kubelet-log': kubelet,
      'runtime-log': [],
      dmesg: events('dmesg', [
        'SLUB: Unable to allocate memory on node -1 (gfp=0x8020)',
        'cache: ip6_dst_cache(1995:6b6bc0c9f30123084a409d89a300b017d26ee5e2c3ac8a02c295c378f3dbfa5f), object size: 448, buffer size: 448, default order: 2, min order: 0',
      ]),
    },
  });
}

/** Incident E (seed 004): runc blocked on D-Bus to systemd; the systemd probe times out. */
export function incidentE(): NodeState {
  const runc = (pid: number, line: number, age: number) =>
    proc({
      pid,
      ppid: 1001,
      comm: 'runc',
      args: `runc --root /run/containerd/runc/k8s.io --log /run/containerd/io.containerd.runtime.v2.task/k8s.io/${pid.toString(16).padStart(64, '0')}/log.json --systemd-cgroup create --bundle /run/containerd/io.containerd.runtime.v2.task/k8s.io/x`,
      line,
      elapsedSeconds: age,
      state: 'S',
    });
  const processes = [
    ...baseProcesses(),
    runc(5001, 501, 1_800),
    runc(5002, 502, 1_260),
    runc(5003, 503, 900),
    runc(5004, 504, 20),
  ];
  return nodeState({
    system: { hostname: 'node-e', kernelRelease: '4.14.0-115.el7a.0.1.aarch64', cpus: 64 },
    processes,
    systemd: {
      pingTimedOut: true,
      pingError: 'Failed to call method: Connection timed out',
      failedUnits: [],
      errors: [{ text: 'ping_output=Failed to call method: Connection timed out', line: 2 }],
    },
    probes: [{ probe: 'systemd', ok: false, timedOut: true, truncated: false, exitCode: null }],
    logs: {
      'kubelet-log': [],
      'runtime-log': events('runtime-log', [
        {
          message: `level=error msg="RunPodSandbox for &PodSandboxMetadata{Name:web-1,} failed, error" error="failed to create containerd task: OCI runtime create failed: Failed to activate service 'org.freedesktop.systemd1': timed out"`,
          level: 'E',
        },
      ]),
      dmesg: [],
    },
  });
}
