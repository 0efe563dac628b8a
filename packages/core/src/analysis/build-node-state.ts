import { parseDmesg, parseKubeletLog, parseRuntimeLog } from '../logs/index.ts';
import type { LogContext } from '../logs/log-context.ts';
import type { RawArtifact } from '../model/artifact.ts';
import { emptyNodeState, type NodeState, type ProbeStatus } from '../model/node-state.ts';
import type { ParseResult, ParseWarning } from '../model/warning.ts';
import {
  parseBlockdev,
  parseCgroups,
  parseContainers,
  parseKubeletProc,
  parseMountinfo,
  parseMountinfoNs,
  parseProcesses,
  parsePsi,
  parseSystem,
  parseSystemd,
} from '../parsers/index.ts';

/**
 * Raw artifacts -> NodeState. The system probe goes first: its uptime and the snapshot time
 * give the boot time that turns raw dmesg seconds into wall-clock times, and the snapshot
 * time gives year-less log timestamps their year. Failed or partial probes are still
 * parsed: a sick node is exactly when probes hang, and half an output is evidence.
 */

export interface BuildOptions {
  takenAt?: string;
}

function statusOf(a: RawArtifact): ProbeStatus {
  const ok = !a.timedOut && !a.error && (a.exitCode === 0 || a.exitCode === null || a.text.trim() !== '');
  const s: ProbeStatus = {
    probe: a.probe,
    ok,
    timedOut: a.timedOut,
    truncated: a.truncated,
    exitCode: a.exitCode,
  };
  if (a.error) s.error = a.error;
  return s;
}

export function bootTimeFrom(
  takenAt: string | undefined,
  uptimeSeconds: number | undefined,
): string | undefined {
  if (takenAt === undefined || uptimeSeconds === undefined) return undefined;
  const t = Date.parse(takenAt);
  if (!Number.isFinite(t) || !Number.isFinite(uptimeSeconds)) return undefined;
  return new Date(t - uptimeSeconds * 1000).toISOString();
}

function withProbe(r: ParseResult<unknown>, a: RawArtifact): ParseWarning[] {
  return r.warnings.map((w) => (w.probe ? w : { ...w, probe: a.probe }));
}

export function buildNodeState(artifacts: RawArtifact[], opts: BuildOptions = {}): NodeState {
  const state = emptyNodeState();
  const seen = new Set<string>();
  const list: RawArtifact[] = [];
  for (const a of artifacts) {
    if (seen.has(a.probe)) {
      state.warnings.push({
        probe: a.probe,
        message: `probe ${a.probe} appears more than once; the first one is used`,
      });
      continue;
    }
    seen.add(a.probe);
    list.push(a);
  }
  const system = list.find((a) => a.probe === 'system');
  const ordered = system ? [system, ...list.filter((a) => a !== system)] : list;
  const ctx: LogContext = {};
  if (opts.takenAt) ctx.referenceTime = opts.takenAt;

  for (const a of ordered) {
    state.probes.push(statusOf(a));
    const text = a.text ?? '';
    switch (a.probe) {
      case 'system': {
        const r = parseSystem(text);
        state.system = r.value;
        state.warnings.push(...withProbe(r, a));
        const boot = bootTimeFrom(opts.takenAt, r.value.uptimeSeconds);
        if (boot) ctx.bootTime = boot;
        break;
      }
      case 'mountinfo': {
        const r = parseMountinfo(text);
        // The host table leads: detectors and the mount graph expect it first.
        state.mountNamespaces.unshift({
          nsId: 'host',
          isHost: true,
          mounts: r.value,
          line: 1,
          probe: 'mountinfo',
        });
        state.warnings.push(...withProbe(r, a));
        break;
      }
      case 'mountinfo-ns': {
        const r = parseMountinfoNs(text);
        const hostKnown = list.some((x) => x.probe === 'mountinfo');
        // A host preamble in the ns artifact only counts when the host table itself is missing.
        state.mountNamespaces.push(...r.value.filter((ns) => !(ns.isHost && hostKnown)));
        state.warnings.push(...withProbe(r, a));
        break;
      }
      case 'blockdev':
        state.blockDevices = take(state, a, parseBlockdev(text));
        break;
      case 'processes':
        state.processes = take(state, a, parseProcesses(text));
        break;
      case 'cgroups':
        state.cgroups = take(state, a, parseCgroups(text));
        break;
      case 'psi':
        state.pressure = take(state, a, parsePsi(text));
        break;
      case 'containers':
        state.containers = take(state, a, parseContainers(text));
        break;
      case 'systemd':
        state.systemd = take(state, a, parseSystemd(text));
        break;
      case 'kubelet-proc':
        state.kubeletProc = take(state, a, parseKubeletProc(text));
        break;
      case 'kubelet-log':
        state.logs['kubelet-log'] = take(state, a, parseKubeletLog(text, { ...ctx }));
        break;
      case 'runtime-log':
        state.logs['runtime-log'] = take(state, a, parseRuntimeLog(text, { ...ctx }));
        break;
      case 'dmesg':
        state.logs.dmesg = take(state, a, parseDmesg(text, { ...ctx }));
        break;
    }
  }
  // Keep the host namespace first even when mountinfo-ns came before mountinfo.
  state.mountNamespaces.sort((x, y) => Number(y.isHost) - Number(x.isHost));
  return state;
}

function take<T>(state: NodeState, a: RawArtifact, r: ParseResult<T>): T {
  state.warnings.push(...withProbe(r, a));
  return r.value;
}
