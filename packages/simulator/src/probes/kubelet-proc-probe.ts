import type { NodeContext } from '../generate/node-context.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { daemonPids } from '../model/daemons.ts';
import { mix } from '../model/random.ts';
import type { KubeletProcModel } from '../scenarios/scenario-hooks.ts';

/** Healthy kubelets use a few percent of a CPU and a few hundred MB. */
export function kubeletProcModel(ctx: NodeContext): KubeletProcModel {
  return ctx.memo('kubelet-proc', () => buildKubeletProcModel(ctx));
}

function buildKubeletProcModel(ctx: NodeContext): KubeletProcModel {
  const seed = ctx.node.seed;
  const minute = Math.floor(ctx.at / 60_000);
  const m: KubeletProcModel = {
    pid: daemonPids(ctx).kubelet,
    cpuTicks: 2 + (mix(seed, minute, 9) % 9),
    hz: 100,
    rssKb: 90_000 + ctx.pods.length * 2_400 + (mix(seed, 4) % 40_000),
    threads: 14 + (mix(seed, 5) % 12),
  };
  ctx.hooks.kubeletProc?.(ctx, m);
  return m;
}

export function kubeletProcProbe(ctx: NodeContext): ProbeResult {
  const m = kubeletProcModel(ctx);
  const lines = [
    `pid=${m.pid}`,
    `cpu_ticks=${m.cpuTicks} hz=${m.hz} interval_s=1`,
    `VmRSS:\t${String(m.rssKb).padStart(8)} kB`,
    `Threads:\t${m.threads}`,
  ];
  // The script sleeps one second between its two samples.
  return ok(`${lines.join('\n')}\n`, 1012);
}
