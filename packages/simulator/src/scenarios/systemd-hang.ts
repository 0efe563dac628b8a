import { ageSec } from '../generate/node-context.ts';
import { DISTROS } from '../model/node-profile.ts';
import { mix, Rng } from '../model/random.ts';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import { DAY, MINUTE, phaseStart } from '../model/sim-time.ts';
import type { ScenarioHooks } from './scenario-hooks.ts';

/** systemd stopped answering on D-Bus this long before the reference time. */
function hangStart(node: ResolvedNode): number {
  return phaseStart(node.timeline, 3 * 60 * MINUTE);
}

export const systemdHang: ScenarioHooks = {
  profile(p, node) {
    p.distro = DISTROS.ubuntu2204;
    p.cgroupVersion = 2;
    p.cgroupDriver = 'systemd';
    p.runtime = 'containerd';
    p.kubeletVersion = 'Kubernetes v1.24.17';
    p.containerdVersion =
      'containerd github.com/containerd/containerd v1.6.20 2806fc1057397dbaeefbea0e4e17bddfbd388f38';
    p.dockerVersion = '';
    p.fixedBootMs = node.timeline.referenceMs - 40 * DAY;
  },

  systemd(ctx, m) {
    if (ctx.at >= hangStart(ctx.node)) m.hang = true;
  },

  processes(ctx, m) {
    const HANG_START = hangStart(ctx.node);
    if (ctx.at < HANG_START) return;
    // Every container start since the hang left a runc blocked writing to the systemd bus.
    const minutes = Math.min(120, Math.floor((ctx.at - HANG_START) / (4 * MINUTE)) + 1);
    for (let i = 0; i < minutes; i++) {
      const started = HANG_START + i * 4 * MINUTE + (mix(ctx.node.seed, i) % 60_000);
      if (started > ctx.at) break;
      const r = new Rng(mix(ctx.node.seed, i, 3));
      const id = r.hex(64);
      const shim = m.pids.claimHashed(mix(ctx.node.seed, i, 1), 3000, ctx.profile.distro.pidMax);
      const age = ageSec(ctx, started);
      m.rows.push({
        pid: shim,
        ppid: 1,
        stat: 'Sl',
        etimes: age,
        nlwp: 10,
        pcpu: 0,
        rssKb: 9_600,
        wchan: 'futex_wait_queue',
        args: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${id} -address /run/containerd/containerd.sock`,
      });
      const runc = m.pids.claimHashed(mix(ctx.node.seed, i, 2), 3000, ctx.profile.distro.pidMax);
      const dState = i % 3 === 0;
      m.rows.push({
        pid: runc,
        ppid: shim,
        stat: dState ? 'D' : 'Sl',
        etimes: age,
        nlwp: 7,
        pcpu: 0,
        rssKb: 11_200,
        wchan: dState ? 'unix_stream_sendmsg' : 'futex_wait_queue',
        args: `runc --root /run/containerd/runc/k8s.io --log /run/containerd/io.containerd.runtime.v2.task/k8s.io/${id}/log.json --log-format json --systemd-cgroup create --bundle /run/containerd/io.containerd.runtime.v2.task/k8s.io/${id} --pid-file /run/containerd/io.containerd.runtime.v2.task/k8s.io/${id}/init.pid ${id}`,
      });
      m.rows.push({
        pid: m.pids.claimHashed(mix(ctx.node.seed, i, 4), 3000, ctx.profile.distro.pidMax),
        ppid: runc,
        stat: 'Ssl',
        etimes: age,
        nlwp: 5,
        pcpu: 0,
        rssKb: 6_100,
        wchan: 'futex_wait_queue',
        args: `runc init`,
      });
    }
  },
};
