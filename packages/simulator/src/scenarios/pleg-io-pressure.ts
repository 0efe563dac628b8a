import { klogLine } from '../generate/format-time.ts';
import type { LogEntry } from '../generate/log-entry.ts';
import { daemonPids } from '../model/daemons.ts';
import { DISTROS } from '../model/node-profile.ts';
import { mix, Rng } from '../model/random.ts';
import { DAY, REFERENCE_TIME } from '../model/sim-time.ts';
import { journalLine } from '../probes/journal.ts';
import { logrus } from '../probes/runtime-log-probe.ts';
import type { ScenarioHooks } from './scenario-hooks.ts';

const STALL_EVERY_MS = 6 * 60_000;
const STALL_MS = 42_000;

/** Relists are ~1 s apart except in a stall, when ListContainers waits on containerd's bbolt lock. */
function inStall(seed: number, t: number): { start: number } | undefined {
  const slot = Math.floor(t / STALL_EVERY_MS);
  const start = slot * STALL_EVERY_MS + (mix(seed, slot) % (STALL_EVERY_MS - STALL_MS));
  return t >= start && t < start + STALL_MS ? { start } : undefined;
}

export const plegIoPressure: ScenarioHooks = {
  profile(p) {
    p.distro = DISTROS.ubuntu2204;
    p.cgroupVersion = 2;
    p.cgroupDriver = 'systemd';
    p.runtime = 'containerd';
    p.kubeletVersion = 'Kubernetes v1.19.16';
    p.containerdVersion =
      'containerd github.com/containerd/containerd v1.6.21 3dce8eb055cbb6872793272b4f20ed16117344f8';
    p.dockerVersion = '';
    p.cpus = 16;
    p.fixedBootMs = REFERENCE_TIME.getTime() - 2 * DAY;
    p.podsBase = 45;
    p.dataDisk = true;
  },

  system(_ctx, s) {
    s.load = [31.4, 27.9, 22.6];
    s.runnable = 3;
  },

  psi(ctx, m) {
    const r = Rng.of(ctx.node.seed, `psi-${Math.floor(ctx.at / 60_000)}`);
    const io = 60 + r.next() * 30;
    const up = ctx.uptimeSec;
    m.io.some = { avg10: io, avg60: io * 0.92, avg300: io * 0.81, total: Math.floor(up * 1e6 * 0.55) };
    m.io.full = { avg10: io * 0.7, avg60: io * 0.66, avg300: io * 0.58, total: Math.floor(up * 1e6 * 0.38) };
    m.cpu.some = { avg10: 14.2, avg60: 12.8, avg300: 11.1, total: Math.floor(up * 1e6 * 0.1) };
    m.memory.some = { avg10: 3.1, avg60: 2.7, avg300: 2.2, total: Math.floor(up * 1e6 * 0.02) };
  },

  kubeletLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const pid = daemonPids(ctx).kubelet;
    const seed = ctx.node.seed;
    let t = from + (mix(seed, Math.floor(from / 1000)) % 1000);
    while (t <= to) {
      const stall = inStall(seed, t);
      if (stall) {
        const end = stall.start + STALL_MS;
        // Three minutes without a complete relist trips the health check; log it while stalled.
        out.push(
          journalLine(
            ctx,
            stall.start + 30_000,
            'kubelet',
            pid,
            klogLine(
              'I',
              stall.start + 30_000,
              pid,
              'kubelet.go:1915',
              `"Skipping pod synchronization" err="[PLEG is not healthy: pleg was last seen active ${(((stall.start + 30_000 - (stall.start - 1000)) / 1000) * 5.2).toFixed(6)}s ago; threshold is 3m0s]"`,
            ),
          ),
        );
        out.push(
          journalLine(
            ctx,
            end + 5,
            'kubelet',
            pid,
            klogLine(
              'E',
              end + 5,
              pid,
              'generic.go:205',
              '"GenericPLEG: Unable to retrieve pods" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
            ),
          ),
        );
        t = end + 310;
      }
      if (t > to) break;
      out.push(
        journalLine(
          ctx,
          t,
          'kubelet',
          pid,
          klogLine('I', t, pid, 'generic.go:191', '"GenericPLEG: Relisting"'),
        ),
      );
      t += 1000 + (mix(seed, t) % 8);
    }
    for (let s = Math.ceil(from / 600_000) * 600_000; s <= to; s += 600_000) {
      const ts = s + 123_000;
      if (ts > to) break;
      out.push(
        journalLine(
          ctx,
          ts,
          'kubelet',
          pid,
          klogLine(
            'E',
            ts,
            pid,
            'kubelet.go:2211',
            '"Container runtime not ready" runtimeReady="RuntimeReady=false reason: message:" err="PLEG is not healthy: pleg was last seen active 3m12.482119s ago; threshold is 3m0s"',
          ),
        ),
      );
      out.push(
        journalLine(
          ctx,
          ts + 40,
          'kubelet',
          pid,
          klogLine(
            'I',
            ts + 40,
            pid,
            'setters.go:555',
            `"Node became not ready" node="${ctx.hostname}" condition={Type:Ready Status:False Reason:KubeletNotReady Message:PLEG is not healthy: pleg was last seen active 3m12.482119s ago; threshold is 3m0s}`,
          ),
        ),
      );
    }
    return out;
  },

  runtimeLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const pid = daemonPids(ctx).containerd;
    const seed = ctx.node.seed;
    // Image pulls after dockershim removal: every pod re-pulls into containerd's own store.
    for (let t = Math.ceil(from / 20_000) * 20_000; t <= to; t += 20_000) {
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
