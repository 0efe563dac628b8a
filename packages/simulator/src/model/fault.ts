import { isProbeId, type ProbeId } from '@nodescope/core';

/**
 * Faults a simulated node can be told to show at the SSH or probe level. Written as strings in
 * node specs: `refuse-connection`, `auth-reject`, `wrong-host-key`, `changed-host-key`,
 * `slow-handshake:<ms>`, `hang-probe:<probe>`, `drop-mid-output:<probe>[:<bytes>]`,
 * `garbage-output:<probe>`, `huge-output:<probe>[:<bytes>]`.
 */
export type Fault =
  | { kind: 'refuse-connection' }
  | { kind: 'auth-reject' }
  | { kind: 'wrong-host-key' }
  | { kind: 'changed-host-key' }
  | { kind: 'slow-handshake'; delayMs: number }
  | { kind: 'hang-probe'; probe: ProbeId }
  | { kind: 'drop-mid-output'; probe: ProbeId; afterBytes: number }
  | { kind: 'garbage-output'; probe: ProbeId }
  | { kind: 'huge-output'; probe: ProbeId; bytes: number };

export type FaultSpec = string | Fault;

export const HUGE_OUTPUT_BYTES = 100 * 1024 * 1024;
export const DEFAULT_DROP_AFTER_BYTES = 4096;
export const DEFAULT_HANDSHAKE_DELAY_MS = 3000;

function probeArg(kind: string, arg: string | undefined): ProbeId {
  if (arg === undefined || !isProbeId(arg))
    throw new Error(`fault ${kind} needs a probe id, got "${arg ?? ''}"`);
  return arg;
}

function numberArg(kind: string, arg: string | undefined, fallback: number): number {
  if (arg === undefined || arg === '') return fallback;
  const n = Number(arg);
  if (!Number.isFinite(n) || n < 0) throw new Error(`fault ${kind}: "${arg}" is not a non-negative number`);
  return Math.floor(n);
}

export function parseFault(spec: FaultSpec): Fault {
  if (typeof spec !== 'string') return spec;
  const [kind = '', a, b] = spec.split(':');
  switch (kind) {
    case 'refuse-connection':
    case 'auth-reject':
    case 'wrong-host-key':
    case 'changed-host-key':
      return { kind };
    case 'slow-handshake':
      return { kind, delayMs: numberArg(kind, a, DEFAULT_HANDSHAKE_DELAY_MS) };
    case 'hang-probe':
    case 'garbage-output':
      return { kind, probe: probeArg(kind, a) };
    case 'drop-mid-output':
      return { kind, probe: probeArg(kind, a), afterBytes: numberArg(kind, b, DEFAULT_DROP_AFTER_BYTES) };
    case 'huge-output':
      return { kind, probe: probeArg(kind, a), bytes: numberArg(kind, b, HUGE_OUTPUT_BYTES) };
    default:
      throw new Error(`unknown fault "${spec}"`);
  }
}

export function formatFault(f: Fault): string {
  switch (f.kind) {
    case 'slow-handshake':
      return `${f.kind}:${f.delayMs}`;
    case 'hang-probe':
    case 'garbage-output':
      return `${f.kind}:${f.probe}`;
    case 'drop-mid-output':
      return `${f.kind}:${f.probe}:${f.afterBytes}`;
    case 'huge-output':
      return `${f.kind}:${f.probe}:${f.bytes}`;
    default:
      return f.kind;
  }
}

/** The probe-level fault for this probe, if any (the first one declared wins). */
export function probeFault(faults: readonly Fault[], probe: ProbeId): Fault | undefined {
  return faults.find((f) => 'probe' in f && f.probe === probe);
}
