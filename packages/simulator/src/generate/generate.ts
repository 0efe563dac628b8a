import { PROBE_IDS, type ProbeId, probeSpec, type RawArtifact } from '@nodescope/core';
import { resolveNode, type ResolvedNode, type SimNodeSpec } from '../model/sim-node-spec.ts';
import { blockdevProbe } from '../probes/blockdev-probe.ts';
import { cgroupsProbe } from '../probes/cgroups-probe.ts';
import { containersProbe } from '../probes/containers-probe.ts';
import { dmesgProbe } from '../probes/dmesg-probe.ts';
import { hostMountinfoText } from '../probes/host-mounts.ts';
import { kubeletLogProbe } from '../probes/kubelet-log-probe.ts';
import { kubeletProcProbe } from '../probes/kubelet-proc-probe.ts';
import { mountinfoNsProbe } from '../probes/mountinfo-ns-probe.ts';
import { processesProbe } from '../probes/processes-probe.ts';
import { psiProbe } from '../probes/psi-probe.ts';
import { runtimeLogProbe } from '../probes/runtime-log-probe.ts';
import { systemProbe } from '../probes/system-probe.ts';
import { systemdProbe } from '../probes/systemd-probe.ts';
import { NodeContext } from './node-context.ts';
import { ok, type ProbeResult } from './probe-result.ts';

function isResolved(n: SimNodeSpec | ResolvedNode): n is ResolvedNode {
  return (
    typeof n.seed === 'number' &&
    typeof (n as ResolvedNode).scale === 'number' &&
    Array.isArray(n.faults) &&
    typeof (n as ResolvedNode).timeline === 'object' &&
    n.faults.every((f) => typeof f === 'object')
  );
}

function run(ctx: NodeContext, probe: ProbeId): ProbeResult {
  switch (probe) {
    case 'system':
      return systemProbe(ctx);
    case 'mountinfo': {
      const text = hostMountinfoText(ctx);
      return ok(text, 5 + Math.floor(text.length / 500_000));
    }
    case 'mountinfo-ns':
      return mountinfoNsProbe(ctx);
    case 'blockdev':
      return blockdevProbe(ctx);
    case 'processes':
      return processesProbe(ctx);
    case 'cgroups':
      return cgroupsProbe(ctx);
    case 'psi':
      return psiProbe(ctx);
    case 'containers':
      return containersProbe(ctx);
    case 'kubelet-log':
      return kubeletLogProbe(ctx);
    case 'runtime-log':
      return runtimeLogProbe(ctx);
    case 'dmesg':
      return dmesgProbe(ctx);
    case 'systemd':
      return systemdProbe(ctx, probeSpec('systemd').timeoutSec);
    case 'kubelet-proc':
      return kubeletProcProbe(ctx);
  }
}

/**
 * What running one catalogue probe on the node at `at` prints: pure in (node, probe, at).
 * Transport faults (hangs, drops, garbage) are applied by the SSH server, not here.
 */
export function generateProbeOutput(node: SimNodeSpec | ResolvedNode, probe: ProbeId, at: Date): ProbeResult {
  const resolved = isResolved(node) ? node : resolveNode(node);
  return run(contextFor(resolved, at.getTime()), probe);
}

/**
 * The probes of one snapshot arrive within the same second: they share one context (and its
 * memoised pods, processes and mounts) instead of rebuilding the node thirteen times. Keyed
 * by the resolved node object, so the cache lives exactly as long as the fleet's node does.
 */
const contexts = new WeakMap<ResolvedNode, NodeContext>();

function contextFor(node: ResolvedNode, atMs: number): NodeContext {
  const cached = contexts.get(node);
  if (cached && cached.at === atMs) return cached;
  const ctx = new NodeContext(node, atMs);
  contexts.set(node, ctx);
  return ctx;
}

/** The artifact a collector would record for this result (a hang becomes a timed-out artifact). */
export function toArtifact(probe: ProbeId, r: ProbeResult): RawArtifact {
  if (r.hangs) {
    return {
      probe,
      text: '',
      exitCode: null,
      durationMs: r.durationMs,
      truncated: false,
      timedOut: true,
      error: `killed by signal ${r.exitSignal ?? 'KILL'}`,
    };
  }
  const spec = probeSpec(probe);
  const truncated = Buffer.byteLength(r.stdout) > spec.maxBytes;
  const text = truncated ? Buffer.from(r.stdout).subarray(0, spec.maxBytes).toString('utf8') : r.stdout;
  return { probe, text, exitCode: r.exitCode, durationMs: r.durationMs, truncated, timedOut: false };
}

/** A whole snapshot of the node at `at`, one artifact per catalogue probe, in catalogue order. */
export function generateArtifacts(node: SimNodeSpec | ResolvedNode, at: Date): RawArtifact[] {
  const resolved = isResolved(node) ? node : resolveNode(node);
  const ctx = new NodeContext(resolved, at.getTime());
  return PROBE_IDS.map((probe) => toArtifact(probe, run(ctx, probe)));
}
