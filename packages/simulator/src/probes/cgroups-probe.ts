import type { NodeContext } from '../generate/node-context.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { mix } from '../model/random.ts';
import type { CgroupModel } from '../scenarios/scenario-hooks.ts';

const V1_ROWS: [string, number][] = [
  ['cpuset', 6],
  ['cpu', 2],
  ['cpuacct', 2],
  ['blkio', 8],
  ['memory', 5],
  ['devices', 11],
  ['freezer', 9],
  ['net_cls', 3],
  ['perf_event', 10],
  ['net_prio', 3],
  ['hugetlb', 7],
  ['pids', 4],
];

/** The cgroup state a node reports: counts from /proc/cgroups, mounts, directory counts, kmem. */
/** cgroup v1 hierarchy folders in glob order ("cpu,cpuacct" before "cpuset"; symlinks skipped). */
export const V1_HIERARCHY_DIRS = [
  'blkio',
  'cpu,cpuacct',
  'cpuset',
  'devices',
  'freezer',
  'hugetlb',
  'memory',
  'net_cls,net_prio',
  'perf_event',
  'pids',
  'systemd',
] as const;

export function cgroupModel(ctx: NodeContext): CgroupModel {
  const p = ctx.profile;
  const pods = ctx.pods;
  const containers = pods.reduce(
    (n, pod) => n + 1 + pod.containers.filter((c) => c.state === 'running').length,
    0,
  );
  // kubepods, its QoS classes, one per pod, one per container; plus system slices.
  const k8s = 3 + pods.length + containers;
  const system = 40 + (mix(ctx.node.seed, 3) % 20);
  if (p.cgroupVersion === 2) {
    const total = k8s + system;
    const dying = mix(ctx.node.seed, Math.floor(ctx.at / 600_000)) % 4;
    const rows = [...V1_ROWS.map(([s]) => s), 'rdma', 'misc'].map((subsys) => ({
      subsys,
      hierarchy: 0,
      num: total,
      enabled: 1,
    }));
    return {
      rows,
      mounts: [
        'cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0',
      ],
      stats: [
        {
          path: '/sys/fs/cgroup/cgroup.stat',
          lines: [`nr_descendants ${total}`, `nr_dying_descendants ${dying}`],
        },
        {
          path: '/sys/fs/cgroup/kubepods.slice/cgroup.stat',
          lines: [`nr_descendants ${k8s - 1}`, `nr_dying_descendants ${Math.min(dying, 1)}`],
        },
      ],
      dirs: [
        { name: 'dev-hugepages.mount', count: 1 },
        { name: 'dev-mqueue.mount', count: 1 },
        { name: 'init.scope', count: 1 },
        { name: 'kubepods.slice', count: k8s },
        { name: 'sys-fs-fuse-connections.mount', count: 1 },
        { name: 'sys-kernel-config.mount', count: 1 },
        { name: 'sys-kernel-debug.mount', count: 1 },
        { name: 'system.slice', count: system - 12 },
        { name: 'user.slice', count: 4 },
      ],
    };
  }
  const perHierarchy = (s: string) =>
    ([
      'cpu',
      'cpuacct',
      'memory',
      'blkio',
      'pids',
      'cpuset',
      'devices',
      'freezer',
      'hugetlb',
      'perf_event',
      'net_cls',
      'net_prio',
    ].includes(s)
      ? k8s
      : 0) + (['cpu', 'cpuacct', 'memory', 'blkio', 'pids', 'devices'].includes(s) ? system : 1);
  const kp = p.cgroupDriver === 'systemd' ? 'kubepods.slice' : 'kubepods';
  const old = /^(3\.|4\.)/.test(p.distro.kernelRelease);
  return {
    rows: V1_ROWS.map(([subsys, hierarchy]) => ({
      subsys,
      hierarchy,
      num: perHierarchy(subsys),
      enabled: 1,
    })),
    mounts: [
      'cgroup /sys/fs/cgroup/systemd cgroup rw,nosuid,nodev,noexec,relatime,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd 0 0',
      'cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0',
      'cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0',
      'cgroup /sys/fs/cgroup/blkio cgroup rw,nosuid,nodev,noexec,relatime,blkio 0 0',
      'cgroup /sys/fs/cgroup/cpuset cgroup rw,nosuid,nodev,noexec,relatime,cpuset 0 0',
      'cgroup /sys/fs/cgroup/devices cgroup rw,nosuid,nodev,noexec,relatime,devices 0 0',
      'cgroup /sys/fs/cgroup/freezer cgroup rw,nosuid,nodev,noexec,relatime,freezer 0 0',
      'cgroup /sys/fs/cgroup/net_cls,net_prio cgroup rw,nosuid,nodev,noexec,relatime,net_cls,net_prio 0 0',
      'cgroup /sys/fs/cgroup/perf_event cgroup rw,nosuid,nodev,noexec,relatime,perf_event 0 0',
      'cgroup /sys/fs/cgroup/hugetlb cgroup rw,nosuid,nodev,noexec,relatime,hugetlb 0 0',
      'cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,nodev,noexec,relatime,pids 0 0',
    ],
    stats: [],
    dirs: V1_HIERARCHY_DIRS.map((name) => ({
      name,
      count: perHierarchy(name.split(',')[0] as string) || system,
    })),
    kmem: {
      path: `/sys/fs/cgroup/memory/${kp}`,
      limit: '9223372036854771712',
      usage: String(old ? 0 : 180_000_000 + (mix(ctx.node.seed, 8) % 90_000_000)),
      // Since 4.6 kmem is always accounted on v1 and slabinfo reads; on 3.10 only once a limit was set.
      slabinfo: !/^3\./.test(p.distro.kernelRelease),
    },
  };
}

export function cgroupsProbe(ctx: NodeContext): ProbeResult {
  const m = cgroupModel(ctx);
  ctx.hooks.cgroups?.(ctx, m);
  const out = ['## /proc/cgroups', '#subsys_name\thierarchy\tnum_cgroups\tenabled'];
  for (const r of m.rows) out.push(`${r.subsys}\t${r.hierarchy}\t${r.num}\t${r.enabled}`);
  out.push('## cgroup mounts', ...m.mounts);
  for (const s of m.stats) out.push(`## cgroup.stat ${s.path}`, ...s.lines);
  for (const d of m.dirs) out.push(`## dirs ${d.name} ${d.count}`);
  if (m.kmem) {
    out.push(
      `## kmem ${m.kmem.path}`,
      `limit_in_bytes=${m.kmem.limit}`,
      `usage_in_bytes=${m.kmem.usage}`,
      `slabinfo=${m.kmem.slabinfo ? 'readable' : 'unreadable'}`,
    );
  }
  // find over hundreds of thousands of cgroup directories takes seconds.
  const dirs = m.dirs.reduce((n, d) => n + d.count, 0);
  return ok(`${out.join('\n')}\n`, 15 + Math.floor(dirs / 50));
}
