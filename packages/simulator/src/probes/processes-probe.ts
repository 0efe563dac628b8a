import { probeCommand } from '@nodescope/core';
import type { NodeContext } from '../generate/node-context.ts';
import { ageSec } from '../generate/node-context.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { daemonPids } from '../model/daemons.ts';
import { PidAllocator } from '../model/pid-allocator.ts';
import { hashString, mix } from '../model/random.ts';
import type { ProcessModel } from '../scenarios/scenario-hooks.ts';
import { kernelThreads } from './kernel-threads.ts';
import { kubeletProcModel } from './kubelet-proc-probe.ts';
import { type PsRow, renderPsTable } from './ps-table.ts';

function row(
  pid: number,
  ppid: number,
  stat: string,
  etimes: number,
  nlwp: number,
  pcpu: number,
  rssKb: number,
  wchan: string,
  args: string,
): PsRow {
  return { pid, ppid, stat, etimes, nlwp, pcpu, rssKb, wchan, args };
}

export function kubeletArgs(ctx: NodeContext): string {
  const endpoint =
    ctx.profile.runtime === 'containerd'
      ? ' --container-runtime-endpoint=unix:///run/containerd/containerd.sock'
      : ' --network-plugin=cni';
  return `/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml${endpoint} --pod-infra-container-image=registry.k8s.io/pause:3.9 --node-ip=10.0.${mix(ctx.node.seed) % 250}.${mix(ctx.node.seed, 1) % 250}`;
}

/** The process model the `processes` probe renders; scenarios add their tasks to it. */
export function processModel(ctx: NodeContext): ProcessModel {
  return ctx.memo('processes', () => buildProcessModel(ctx));
}

function buildProcessModel(ctx: NodeContext): ProcessModel {
  const p = ctx.profile;
  const up = Math.floor(ctx.uptimeSec);
  const pidMax = p.distro.pidMax;
  const pids = new PidAllocator(pidMax);
  const rows: PsRow[] = [];
  const byContainer = new Map<string, PsRow>();
  const modern = p.distro.id !== 'centos7' && p.distro.id !== 'alinux2';
  rows.push(
    row(
      1,
      0,
      'Ss',
      up,
      1,
      0.1,
      12_400,
      'ep_poll',
      modern ? '/sbin/init' : '/usr/lib/systemd/systemd --switched-root --system --deserialize 22',
    ),
  );
  rows.push(row(2, 0, 'S', up, 1, 0, 0, 'kthreadd', '[kthreadd]'));
  const kt = kernelThreads(ctx, up);
  rows.push(...kt.rows);
  for (const r of rows) pids.claimAt(r.pid);
  const d = daemonPids(ctx);
  const daemon = (
    pid: number,
    stat: string,
    nlwp: number,
    pcpu: number,
    rss: number,
    wchan: string,
    args: string,
    ppid = 1,
  ) => {
    const r = row(pids.claimAt(pid), ppid, stat, up - 3, nlwp, pcpu, rss, wchan, args);
    rows.push(r);
    return r;
  };
  daemon(d.journald, 'Ss', 1, 0.1, 48_000, 'ep_poll', '/usr/lib/systemd/systemd-journald');
  daemon(d.udevd, 'Ss', 1, 0, 9_600, 'ep_poll', '/usr/lib/systemd/systemd-udevd');
  daemon(
    d.dbus,
    'Ss',
    1,
    0,
    4_900,
    'ep_poll',
    '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only',
  );
  daemon(d.dbus + 5, 'Ss', 1, 0, 7_700, 'ep_poll', '/usr/lib/systemd/systemd-logind');
  daemon(
    d.dbus + 9,
    'Ssl',
    3,
    0,
    3_300,
    'do_select',
    modern ? '/usr/sbin/chronyd -F 1' : '/usr/sbin/chronyd',
  );
  daemon(d.sshd, 'Ss', 1, 0, 7_200, 'do_select', 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups');
  daemon(
    d.sshd + 3,
    'Ss+',
    1,
    0,
    2_000,
    'do_select',
    '/sbin/agetty -o -p -- \\u --keep-baud 115200,38400,9600 ttyS0 vt220',
  );
  daemon(
    d.containerd,
    'Ssl',
    24 + ctx.pods.length,
    0.9,
    68_000 + ctx.pods.length * 900,
    'futex_wait_queue',
    '/usr/bin/containerd',
  );
  if (p.runtime === 'docker') {
    daemon(
      d.dockerd,
      'Ssl',
      40,
      1.2,
      120_000,
      'futex_wait_queue',
      '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
    );
  }
  const kp = kubeletProcModel(ctx);
  const kubelet = row(
    pids.claimAt(kp.pid),
    1,
    'Ssl',
    up - 9,
    kp.threads,
    (kp.cpuTicks / kp.hz) * 100 * 0.9,
    kp.rssKb,
    'futex_wait_queue',
    kubeletArgs(ctx),
  );
  rows.push(kubelet);
  for (const pod of ctx.pods) {
    const age = ageSec(ctx, pod.createdMs);
    const shimArgs =
      p.runtime === 'containerd'
        ? `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${pod.sandboxId} -address /run/containerd/containerd.sock`
        : `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${pod.sandboxId} -address /run/containerd/containerd.sock`;
    const shim = row(
      pids.claimHashed(pod.key, 3000, pidMax),
      1,
      'Sl',
      age,
      11,
      0,
      9_800,
      'futex_wait_queue',
      shimArgs,
    );
    rows.push(shim);
    const pause = row(
      pids.claimHashed(mix(pod.key, 1), 3000, pidMax),
      shim.pid,
      'Ss',
      age,
      1,
      0,
      400,
      'do_sys_pause',
      '/pause',
    );
    rows.push(pause);
    byContainer.set(pod.sandboxId, pause);
    for (const c of pod.containers) {
      if (c.state !== 'running') continue;
      const cage = ageSec(ctx, c.createdMs);
      const main = row(
        pids.claimHashed(hashString(c.id), 3000, pidMax),
        shim.pid,
        c.threads > 1 ? 'Ssl' : 'Ss',
        cage,
        c.threads,
        0.3 + (mix(pod.key) % 40) / 10,
        c.rssKb,
        'ep_poll',
        c.args,
      );
      rows.push(main);
      byContainer.set(c.id, main);
    }
  }
  // The probe's own session: sshd, the timeout wrapper and ps itself.
  const sess = pids.claimHashed(mix(ctx.node.seed, Math.floor(ctx.at / 1000)), 20_000, pidMax);
  rows.push(row(sess, d.sshd, 'Ss', 0, 1, 0, 9_900, 'do_select', 'sshd: nodescope [priv]'));
  const notty = pids.claimAt(sess + 2);
  rows.push(row(notty, sess, 'S', 0, 1, 0, 6_100, 'do_select', 'sshd: nodescope@notty'));
  const to = pids.claimAt(notty + 1);
  rows.push(
    row(
      to,
      notty,
      'Ss',
      0,
      1,
      0,
      1_800,
      'do_wait',
      `timeout -s KILL 10 sh -c ${probeCommand('processes').replace(/^.* sh -c '(.*)'$/, '$1')}`,
    ),
  );
  rows.push(
    row(
      pids.claimAt(to + 1),
      to,
      'R',
      0,
      1,
      0,
      4_300,
      '-',
      'ps -eo pid,ppid,stat,etimes,nlwp,pcpu,rss,wchan:32,args -ww',
    ),
  );
  const m: ProcessModel = { rows, kubelet, pids, byContainer };
  ctx.hooks.processes?.(ctx, m);
  return m;
}

export function processesProbe(ctx: NodeContext): ProbeResult {
  const m = processModel(ctx);
  const rows = m.rows.slice().sort((a, b) => a.pid - b.pid);
  // ps reads /proc once per task: big tables take visibly longer.
  return ok(renderPsTable(rows, ctx.profile.distro.pidMax), 20 + Math.floor(rows.length / 40));
}
