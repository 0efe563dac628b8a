import { klogLine } from '../generate/format-time.ts';
import type { LogEntry } from '../generate/log-entry.ts';
import { daemonPids } from '../model/daemons.ts';
import { DISTROS } from '../model/node-profile.ts';
import { mix, Rng } from '../model/random.ts';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import { DAY, phaseStart } from '../model/sim-time.ts';
import { kmsg } from '../probes/dmesg-probe.ts';
import { journalLine } from '../probes/journal.ts';
import { V1_HIERARCHY_DIRS } from '../probes/cgroups-probe.ts';
import type { ScenarioHooks } from './scenario-hooks.ts';

/** The node booted (and began leaking cgroup ids) this long before seed D's figures. */
const UP_DAYS = 180;

function leakStart(node: ResolvedNode): number {
  return phaseStart(node.timeline, UP_DAYS * DAY);
}
/** Seed D's /proc/cgroups at the reference time: leaked ids grow ~1,270 a day in cpuset and devices. */
const AT_REF: Record<string, [number, number]> = {
  cpuset: [10, 229418],
  cpu: [6, 118],
  cpuacct: [6, 118],
  memory: [7, 109],
  devices: [3, 229504],
  freezer: [5, 32],
  net_cls: [4, 32],
  blkio: [9, 118],
  perf_event: [11, 32],
  hugetlb: [2, 32],
  pids: [8, 32],
  net_prio: [4, 32],
};
const LEAKING = new Set(['cpuset', 'devices']);

function leaked(node: ResolvedNode, full: number, at: number): number {
  const start = leakStart(node);
  return Math.round((full * Math.max(0, at - start)) / Math.max(1, node.timeline.referenceMs - start));
}

export const cgroupKmemLeak: ScenarioHooks = {
  profile(p, node) {
    p.distro = DISTROS.centos7;
    p.cgroupVersion = 1;
    p.cgroupDriver = 'cgroupfs';
    p.runtime = 'docker';
    p.kubeletVersion = 'Kubernetes v1.9.11';
    p.containerdVersion = '';
    p.dockerVersion = '17.03.2-ce';
    p.dataDisk = false;
    p.fixedBootMs = node.timeline.referenceMs - UP_DAYS * DAY;
    p.podsBase = 22;
  },

  cgroups(ctx, m) {
    m.rows = Object.entries(AT_REF).map(([subsys, [hierarchy, num]]) => ({
      subsys,
      hierarchy,
      num: LEAKING.has(subsys) ? Math.max(32, leaked(ctx.node, num, ctx.at)) : num,
      enabled: 1,
    }));
    m.dirs = V1_HIERARCHY_DIRS.map((name) => {
      const s = name.split(',')[0] as string;
      return { name, count: s === 'systemd' ? 61 : LEAKING.has(s) ? 32 : (AT_REF[s]?.[1] ?? 32) };
    });
    m.kmem = {
      path: '/sys/fs/cgroup/memory/kubepods',
      limit: '9223372036854771712',
      usage: String(1_912_602_624 + (mix(ctx.node.seed, Math.floor(ctx.at / DAY)) % 50_000_000)),
      slabinfo: true,
    };
  },

  kubeletLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const pid = daemonPids(ctx).kubelet;
    for (let t = Math.ceil(from / 30_000) * 30_000 + 7_000; t <= to; t += 30_000) {
      const r = new Rng(mix(ctx.node.seed, Math.floor(t / 600_000)));
      const uid = r.uuid();
      const pod = `osp-xxx-com-ljqm19-54bf7678b8-${r.alnum(5)}`;
      const ref = `${pod}_default(${uid})`;
      const id = new Rng(mix(ctx.node.seed, t)).hex(64);
      const msg = `Error syncing pod ${uid} ("${ref}"), skipping: failed to "CreatePodSandbox" for "${ref}" with CreatePodSandboxError: "CreatePodSandbox for pod \\"${ref}\\" failed: rpc error: code = Unknown desc = failed to start sandbox container for pod \\"${pod}\\": Error response from daemon: oci runtime error: container_linux.go:247: starting container process caused \\"process_linux.go:258: applying cgroup configuration for process caused \\\\\\"mkdir /sys/fs/cgroup/memory/kubepods/burstable/pod${uid}/${id}: no space left on device\\\\\\"\\"\\n"`;
      out.push(journalLine(ctx, t, 'kubelet', pid, klogLine('E', t, pid, 'pod_workers.go:186', msg)));
    }
    return out;
  },

  dmesg(ctx) {
    const out: LogEntry[] = [];
    for (
      let t = Math.max(ctx.boot + 150 * DAY, ctx.at - 2 * DAY);
      t <= ctx.at;
      t += 3 * 3_600_000 + (mix(ctx.node.seed, t) % 600_000)
    ) {
      out.push(kmsg(t, 'SLUB: Unable to allocate memory on node -1 (gfp=0x8020)', 1));
      out.push(
        kmsg(
          t,
          '  cache: ip6_dst_cache(1995:6b6bc0c9f30123084a409d89a300b017d26ee5e2c3ac8a02c295c378f3dbfa5f), object size: 448, buffer size: 448, default order: 2, min order: 0',
          2,
        ),
      );
      out.push(kmsg(t, '  node 0: slabs: 72, objs: 2592, free: 0', 3));
    }
    return out;
  },
};
