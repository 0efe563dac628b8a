import { klogLine } from '../generate/format-time.ts';
import type { LogEntry } from '../generate/log-entry.ts';
import { daemonPids } from '../model/daemons.ts';
import { DISTROS } from '../model/node-profile.ts';
import { mix, Rng } from '../model/random.ts';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import { DAY, HOUR, phaseStart, progress } from '../model/sim-time.ts';
import { journalLine } from '../probes/journal.ts';
import { logrus } from '../probes/runtime-log-probe.ts';
import type { ScenarioHooks } from './scenario-hooks.ts';

const STALL_EVERY_MS = 6 * 60_000;
const STALL_MS = 42_000;
/** Now and then ListContainers waits past kubelet's 3-minute PLEG threshold: the node goes NotReady. */
const LONG_EVERY_MS = 30 * 60_000;
const LONG_STALL_MS = 200_000;
const PLEG_THRESHOLD_MS = 180_000;
/** Image pulls after dockershim's removal build up over most of a day before the write-up's figures. */
const RAMP_MS = 18 * HOUR;

/** How far the image-pull I/O pressure has built up at `t`, 0..1. */
function pressure(node: ResolvedNode, t: number): number {
  return progress(t, phaseStart(node.timeline, RAMP_MS), node.timeline.referenceMs);
}

interface Stall {
  start: number;
  ms: number;
  /** Longer than kubelet's PLEG threshold. */
  long: boolean;
}

/** Relists are ~1 s apart except in a stall, when ListContainers waits on containerd's bbolt lock. */
function stallAt(node: ResolvedNode, t: number): Stall | undefined {
  const f = pressure(node, t);
  if (f >= 0.8) {
    const slot = Math.floor(t / LONG_EVERY_MS);
    const start = slot * LONG_EVERY_MS + (mix(node.seed, slot, 9) % (LONG_EVERY_MS - LONG_STALL_MS));
    if (t >= start && t < start + LONG_STALL_MS) return { start, ms: LONG_STALL_MS, long: true };
  }
  if (f < 0.5) return undefined;
  const slot = Math.floor(t / STALL_EVERY_MS);
  const start = slot * STALL_EVERY_MS + (mix(node.seed, slot) % (STALL_EVERY_MS - STALL_MS));
  return t >= start && t < start + STALL_MS ? { start, ms: STALL_MS, long: false } : undefined;
}

/** Go's time.Duration text for kubelet's "last seen active" (3m12.482s). */
function goDuration(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const sec = (ms - m * 60_000) / 1000;
  const sText = sec.toFixed(3).replace(/\.?0+$/, '');
  return m > 0 ? `${m}m${sText}s` : `${sText}s`;
}

export const plegIoPressure: ScenarioHooks = {
  profile(p, node) {
    p.distro = DISTROS.ubuntu2204;
    p.cgroupVersion = 2;
    p.cgroupDriver = 'systemd';
    p.runtime = 'containerd';
    p.kubeletVersion = 'Kubernetes v1.19.16';
    p.containerdVersion =
      'containerd github.com/containerd/containerd v1.6.21 3dce8eb055cbb6872793272b4f20ed16117344f8';
    p.dockerVersion = '';
    p.cpus = 16;
    p.fixedBootMs = node.timeline.referenceMs - 2 * DAY;
    p.podsBase = 45;
    p.dataDisk = true;
  },

  system(ctx, s) {
    const f = pressure(ctx.node, ctx.at);
    s.load = [2.1 + 29.3 * f, 2.4 + 25.5 * f, 2.6 + 20 * f];
    s.runnable = 3;
  },

  psi(ctx, m) {
    const f = pressure(ctx.node, ctx.at);
    const r = Rng.of(ctx.node.seed, `psi-${Math.floor(ctx.at / 60_000)}`);
    const io = 1.5 + f * (58.5 + r.next() * 30);
    const up = ctx.uptimeSec;
    m.io.some = { avg10: io, avg60: io * 0.92, avg300: io * 0.81, total: Math.floor(up * 1e6 * 0.55 * f) };
    m.io.full = {
      avg10: io * 0.7,
      avg60: io * 0.66,
      avg300: io * 0.58,
      total: Math.floor(up * 1e6 * 0.38 * f),
    };
    const cpu = 1.2 + 13 * f;
    m.cpu.some = { avg10: cpu, avg60: cpu * 0.9, avg300: cpu * 0.78, total: Math.floor(up * 1e6 * 0.1 * f) };
    m.memory.some = {
      avg10: 3.1 * f,
      avg60: 2.7 * f,
      avg300: 2.2 * f,
      total: Math.floor(up * 1e6 * 0.02 * f),
    };
  },

  kubeletLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const pid = daemonPids(ctx).kubelet;
    const seed = ctx.node.seed;
    const line = (t: number, level: 'I' | 'E', src: string, msg: string) =>
      out.push(journalLine(ctx, t, 'kubelet', pid, klogLine(level, t, pid, src, msg)));
    let t = from + (mix(seed, Math.floor(from / 1000)) % 1000);
    let last: number | undefined;
    while (t <= to) {
      const stall = stallAt(ctx.node, t);
      if (stall) {
        const end = stall.start + stall.ms;
        if (stall.long) {
          // kubelet measures staleness from the last relist that started: the same clock as the gap.
          const since = last ?? stall.start - 1000;
          for (const at of [since + PLEG_THRESHOLD_MS + 480, since + PLEG_THRESHOLD_MS + 12_482]) {
            if (at >= end || at > to) continue;
            const err = `PLEG is not healthy: pleg was last seen active ${goDuration(at - since)} ago; threshold is 3m0s`;
            if (at === since + PLEG_THRESHOLD_MS + 480) {
              line(at, 'I', 'kubelet.go:1915', `"Skipping pod synchronization" err="[${err}]"`);
            } else {
              line(
                at,
                'E',
                'kubelet.go:2211',
                `"Container runtime not ready" runtimeReady="RuntimeReady=false reason: message:" err="${err}"`,
              );
              line(
                at + 40,
                'I',
                'setters.go:555',
                `"Node became not ready" node="${ctx.hostname}" condition={Type:Ready Status:False Reason:KubeletNotReady Message:${err}}`,
              );
            }
          }
        }
        if (end + 5 <= to)
          line(
            end + 5,
            'E',
            'generic.go:205',
            '"GenericPLEG: Unable to retrieve pods" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
          );
        t = end + 310;
      }
      if (t > to) break;
      line(t, 'I', 'generic.go:191', '"GenericPLEG: Relisting"');
      last = t;
      t += 1000 + (mix(seed, t) % 8);
    }
    return out;
  },

  runtimeLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const pid = daemonPids(ctx).containerd;
    const seed = ctx.node.seed;
    // Image pulls after dockershim removal: every pod re-pulls into containerd's own store.
    for (let t = Math.ceil(from / 20_000) * 20_000; t <= to; t += 20_000) {
      if (mix(seed, t, 3) % 100 >= Math.max(5, 100 * pressure(ctx.node, t))) continue;
      const r = new Rng(mix(seed, t));
      const image = r.pick([
        'registry.example.com/shop/order-service:5.3.0',
        'registry.example.com/data/report-worker:0.18.2',
        'docker.io/library/redis:7.2.4',
        'registry.example.com/media/image-resizer:1.4.7',
      ]);
      out.push(journalLine(ctx, t, 'containerd', pid, logrus(t, 'info', `PullImage "${image}"`)));
      out.push(
        journalLine(
          ctx,
          t + 9_400,
          'containerd',
          pid,
          logrus(
            t + 9_400,
            'info',
            `ImageCreate event &ImageCreate{Name:${image},Labels:map[string]string{io.cri-containerd.image: managed,},XXX_unrecognized:[],}`,
          ),
        ),
      );
      out.push(
        journalLine(
          ctx,
          t + 9_500,
          'containerd',
          pid,
          logrus(t + 9_500, 'info', `PullImage "${image}" returns image reference "sha256:${r.hex(64)}"`),
        ),
      );
    }
    for (let t = Math.ceil(from / 90_000) * 90_000 + 3_000; t <= to; t += 90_000) {
      if (pressure(ctx.node, t) < 0.5) continue;
      const r = new Rng(mix(seed, t, 2));
      const id = r.hex(64);
      const exited = t - 10_002;
      const msg = `failed to handle container TaskExit event &TaskExit{ContainerID:${id},ID:${id},Pid:${r.int(3000, 90000)},ExitStatus:0,ExitedAt:${new Date(exited).toISOString().replace('T', ' ').replace('Z', '')}566238047 +0000 UTC,XXX_unrecognized:[],}`;
      out.push(
        journalLine(
          ctx,
          t,
          'containerd',
          pid,
          JSON.stringify({
            error: 'failed to stop container: failed to delete task: context deadline exceeded: unknown',
            level: 'error',
            msg,
            time: new Date(t).toISOString().replace('Z', '049942Z'),
          }),
        ),
      );
    }
    return out;
  },

  kubeletProc(_ctx, k) {
    k.cpuTicks = 38;
  },
};
