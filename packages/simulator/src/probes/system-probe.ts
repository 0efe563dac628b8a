import type { NodeContext } from '../generate/node-context.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { daemonPids } from '../model/daemons.ts';
import { mix } from '../model/random.ts';
import type { SystemModel } from '../scenarios/scenario-hooks.ts';

function meminfo(total: number, avail: number, slab: number): string {
  const free = Math.floor(avail * 0.42);
  const cached = Math.floor(avail * 0.48);
  const buffers = Math.floor(avail * 0.03);
  const anon = Math.max(0, total - avail - slab);
  const rows: [string, number, boolean][] = [
    ['MemTotal', total, true],
    ['MemFree', free, true],
    ['MemAvailable', avail, true],
    ['Buffers', buffers, true],
    ['Cached', cached, true],
    ['SwapCached', 0, true],
    ['Active', Math.floor(anon * 0.7 + cached * 0.5), true],
    ['Inactive', Math.floor(anon * 0.3 + cached * 0.5), true],
    ['Active(anon)', Math.floor(anon * 0.7), true],
    ['Inactive(anon)', Math.floor(anon * 0.3), true],
    ['Active(file)', Math.floor(cached * 0.5), true],
    ['Inactive(file)', Math.floor(cached * 0.5), true],
    ['Unevictable', 0, true],
    ['Mlocked', 0, true],
    ['SwapTotal', 0, true],
    ['SwapFree', 0, true],
    ['Dirty', Math.floor(total / 40_000), true],
    ['Writeback', 0, true],
    ['AnonPages', anon, true],
    ['Mapped', Math.floor(cached * 0.12), true],
    ['Shmem', Math.floor(cached * 0.02), true],
    ['KReclaimable', Math.floor(slab * 0.6), true],
    ['Slab', slab, true],
    ['SReclaimable', Math.floor(slab * 0.6), true],
    ['SUnreclaim', slab - Math.floor(slab * 0.6), true],
    ['KernelStack', Math.floor(total / 2000), true],
    ['PageTables', Math.floor(total / 500), true],
    ['NFS_Unstable', 0, true],
    ['Bounce', 0, true],
    ['WritebackTmp', 0, true],
    ['CommitLimit', Math.floor(total / 2), true],
    ['Committed_AS', Math.floor(anon * 1.6), true],
    ['VmallocTotal', 34359738367, true],
    ['VmallocUsed', 61_240, true],
    ['VmallocChunk', 0, true],
    ['Percpu', 18_304, true],
    ['HardwareCorrupted', 0, true],
    ['AnonHugePages', 0, true],
    ['HugePages_Total', 0, false],
    ['HugePages_Free', 0, false],
    ['HugePages_Rsvd', 0, false],
    ['HugePages_Surp', 0, false],
    ['Hugepagesize', 2048, true],
    ['Hugetlb', 0, true],
    ['DirectMap4k', 329_536, true],
    ['DirectMap2M', Math.floor(total * 0.6), true],
    ['DirectMap1G', Math.floor(total * 0.42), true],
  ];
  // /proc/meminfo: the name with its colon padded to 16, the value right-aligned in 8.
  return rows
    .map(([k, v, kb]) => `${`${k}:`.padEnd(16)}${String(v).padStart(8)}${kb ? ' kB' : ''}`)
    .join('\n');
}

export function systemProbe(ctx: NodeContext): ProbeResult {
  const p = ctx.profile;
  const seed = ctx.node.seed;
  const minute = Math.floor(ctx.at / 60_000);
  const jitter = (mix(seed, minute) % 1000) / 1000;
  const base = p.cpus * (0.08 + 0.12 * jitter);
  const s: SystemModel = {
    load: [base * 1.1, base, base * 0.9],
    runnable: 1 + (mix(seed, minute, 1) % 3),
    memAvailableKb: Math.floor(p.memTotalKb * (0.45 + 0.2 * jitter)),
    slabKb: Math.floor(p.memTotalKb * 0.03),
  };
  ctx.hooks.system?.(ctx, s);
  const pids = daemonPids(ctx);
  const totalTasks = 180 + ctx.pods.length * 30;
  const up = ctx.uptimeSec;
  const idle = up * p.cpus * 0.82;
  const lines = [
    `hostname=${ctx.hostname}`,
    `kernel_release=${p.distro.kernelRelease}`,
    `kernel_version=${p.distro.kernelVersion}`,
    'machine=x86_64',
    `nproc=${p.cpus}`,
    `uptime=${up.toFixed(2)} ${idle.toFixed(2)}`,
    `loadavg=${s.load.map((l) => l.toFixed(2)).join(' ')} ${s.runnable}/${totalTasks} ${pids.kubelet + 40_000 + (minute % 5000)}`,
    `os=${p.distro.os}`,
    `kubelet_version=${p.kubeletVersion}`,
    `containerd_version=${p.containerdVersion}`,
    `docker_version=${p.dockerVersion}`,
    '## meminfo',
    meminfo(p.memTotalKb, s.memAvailableKb, s.slabKb),
  ];
  return ok(`${lines.join('\n')}\n`, 40 + (mix(seed, minute, 2) % 30));
}
