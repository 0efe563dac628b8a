import type { NodeAnalysis } from '../analysis/node-analysis.ts';
import type { Metrics } from '../model/finding.ts';
import type { NodeState, PsiLine } from '../model/node-state.ts';
import { isDeadContainer } from '../analysis/container-index.ts';

/**
 * Numbers for trends and fleet comparison, named as in metric-catalogue.ts. A metric is
 * present only when its source was collected: a missing probe must not read as zero.
 */
export function computeMetrics(state: NodeState, a: NodeAnalysis): Metrics {
  const m: Metrics = {};
  const set = (name: string, v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v)) m[name] = v;
  };

  if (state.processes.length > 0) {
    const t = a.threads;
    set('tasks.total', t.tasks);
    set('threads.kernel', t.kernelThreads);
    set('threads.jbd2', t.byGroup.jbd2);
    set('threads.jbd2_ckpt', t.byGroup.jbd2_ckpt);
    set('threads.ext4_rsv_conver', t.byGroup.ext4_rsv_conver);
    set('threads.kworker', t.byGroup.kworker);
    set('threads.kdmflush', t.byGroup.kdmflush);
    set('threads.bioset', t.byGroup.bioset);
    set('threads.other_kernel', t.byGroup.other_kernel);
    set('processes.d_state', t.dState);
  }

  if (state.mountNamespaces.length > 0) {
    const g = a.mounts;
    set('mounts.host', g.hostRecords);
    set('mounts.total', g.recordsTotal);
    set('mounts.namespaces', g.namespaces);
    set('mounts.leaked', g.leakedCopies);
    set('mounts.under_container_rootfs', g.underContainerRootfs);
  }

  if (state.blockDevices.length > 0) {
    set('blockdev.count', state.blockDevices.length);
    set('blockdev.disks', state.blockDevices.filter((d) => d.type === 'disk').length);
  }

  for (const h of a.cgroups.hierarchies) set(`cgroups.${h.subsys}`, h.numCgroups);
  if (a.cgroups.dying) set('cgroups.dying', a.cgroups.dying.dying);

  const p = state.pressure;
  if (p.available) {
    const avg = (l: PsiLine | undefined) => l?.avg10;
    set('psi.io.some.avg10', avg(p.io?.some));
    set('psi.io.full.avg10', avg(p.io?.full));
    set('psi.memory.some.avg10', avg(p.memory?.some));
    set('psi.memory.full.avg10', avg(p.memory?.full));
    set('psi.cpu.some.avg10', avg(p.cpu?.some));
  }

  const k = state.kubeletProc;
  if (k) {
    set('kubelet.cpu_percent', k.cpuPercent);
    set('kubelet.rss_bytes', k.rssKb === undefined ? undefined : k.rssKb * 1024);
    set('kubelet.threads', k.threads);
  }

  const logs = a.logs;
  if (logs.pleg.maxGap) set('pleg.relist_max_gap_s', logs.pleg.maxGap.seconds);
  if (state.logs['kubelet-log'].length > 0) set('log.kubelet.errors_per_min', logs.kubeletErrors.perMinute);
  for (const [rule, r] of Object.entries(logs.rules)) set(`log.rate.${rule}`, r?.perMinute);

  if (state.containers.length > 0 || state.probes.some((s) => s.probe === 'containers' && s.ok)) {
    set('containers.total', state.containers.length);
    set('containers.dead', state.containers.filter(isDeadContainer).length);
  }

  if (state.systemd?.pingMs !== undefined) set('systemd.ping_ms', state.systemd.pingMs);

  const s = state.system;
  set('load.1', s.loadAvg?.[0]);
  set('uptime.s', s.uptimeSeconds);
  set('mem.total_bytes', s.memTotalKb === undefined ? undefined : s.memTotalKb * 1024);
  set('cpus', s.cpus);
  return m;
}
