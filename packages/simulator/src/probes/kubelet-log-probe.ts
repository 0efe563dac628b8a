import type { NodeContext } from '../generate/node-context.ts';
import { klogLine } from '../generate/format-time.ts';
import { type LogEntry, slots } from '../generate/log-entry.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { daemonPids } from '../model/daemons.ts';
import { mix } from '../model/random.ts';
import { journalLine, journalText, logWindow } from './journal.ts';

/** What a quiet kubelet writes in an hour at default verbosity: pod lifecycle and periodic housekeeping. */
export function normalKubeletLines(ctx: NodeContext, from: number, to: number, pid: number): LogEntry[] {
  const out: LogEntry[] = [];
  const seed = ctx.node.seed;
  for (const pod of ctx.pods) {
    if (pod.createdMs < from || pod.createdMs > to) continue;
    const t = pod.createdMs;
    const ref = `${pod.namespace}/${pod.name}`;
    out.push(
      journalLine(
        ctx,
        t,
        'kubelet',
        pid,
        klogLine('I', t, pid, 'kubelet.go:2337', `"SyncLoop ADD" source="api" pods=["${ref}"]`),
      ),
    );
    out.push(
      journalLine(
        ctx,
        t + 41,
        'kubelet',
        pid,
        klogLine(
          'I',
          t + 41,
          pid,
          'reconciler_common.go:258',
          `"operationExecutor.VerifyControllerAttachedVolume started for volume \\"kube-api-access\\" (UniqueName: \\"kubernetes.io/projected/${pod.uid}-kube-api-access\\") pod \\"${pod.name}\\" (UID: \\"${pod.uid}\\") " pod="${ref}"`,
        ),
      ),
    );
    out.push(
      journalLine(
        ctx,
        t + 2210,
        'kubelet',
        pid,
        klogLine(
          'I',
          t + 2210,
          pid,
          'pod_startup_latency_tracker.go:102',
          `"Observed pod startup duration" pod="${ref}" podStartSLOduration=2.21`,
        ),
      ),
    );
  }
  // Image garbage collection and certificate rotation checks every ten minutes or so.
  for (const s of slots(from, to, 5 * 60_000)) {
    const t = s * 5 * 60_000 + (mix(seed, s) % 60_000);
    if (t < from || t > to) continue;
    if (mix(seed, s, 1) % 3 === 0) {
      out.push(
        journalLine(
          ctx,
          t,
          'kubelet',
          pid,
          klogLine(
            'I',
            t,
            pid,
            'image_gc_manager.go:308',
            '"Disk usage on image filesystem is within thresholds" usage=41 highThreshold=85',
          ),
        ),
      );
    } else if (mix(seed, s, 1) % 3 === 1) {
      out.push(
        journalLine(
          ctx,
          t,
          'kubelet',
          pid,
          klogLine(
            'I',
            t,
            pid,
            'certificate_manager.go:356',
            '"Certificate rotation deadline" deadline="2027-08-14 05:31:09 +0000 UTC" waiting="6378h31m9s"',
          ),
        ),
      );
    }
  }
  return out;
}

export function kubeletLogProbe(ctx: NodeContext): ProbeResult {
  const { from, to } = logWindow(ctx);
  const pid = daemonPids(ctx).kubelet;
  const entries = [
    ...normalKubeletLines(ctx, from, to, pid),
    ...(ctx.hooks.kubeletLog?.(ctx, from, to) ?? []),
  ];
  const text = journalText(entries);
  return ok(text, 60 + Math.floor(text.length / 40_000));
}
