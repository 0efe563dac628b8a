import type { NodeContext } from '../generate/node-context.ts';
import { mix } from './random.ts';

/** Pids of the node's long-running daemons: fixed per boot, as they are started in order by systemd. */
export interface DaemonPids {
  journald: number;
  udevd: number;
  dbus: number;
  sshd: number;
  containerd: number;
  dockerd: number;
  kubelet: number;
}

export function daemonPids(ctx: NodeContext): DaemonPids {
  const kernelThreads = ctx.profile.cpus * 6 + 90;
  const base = kernelThreads + 150 + (mix(ctx.node.seed, ctx.boot) % 200);
  return {
    journald: base,
    udevd: base + 31,
    dbus: base + 402,
    sshd: base + 688,
    containerd: base + 712,
    dockerd: base + 935,
    kubelet: base + 1311 + (mix(ctx.node.seed, 77) % 900),
  };
}
