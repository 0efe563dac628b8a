import { PROBE_IDS, type ProbeId, type RawArtifact } from '@nodescope/core';
import { ChannelPool } from '../ssh/channel-pool.ts';
import { connectSsh } from '../ssh/connect.ts';
import { HostKeyChangedError, SshError, type SshErrorKind } from '../ssh/errors.ts';
import type { HostKeyStore } from '../ssh/known-hosts-file.ts';
import { runProbe } from '../ssh/run-probe.ts';
import type { SshTarget } from '../ssh/ssh-target.ts';

export interface SnapshotOptions {
  /** Probes to run, default the whole catalogue; results keep this order. */
  probes?: ProbeId[];
  sudo?: boolean;
  /** Concurrent exec channels on the one connection (default 4). */
  maxChannels?: number;
  /** A known_hosts file from the operator's configuration; read-only when `hostKeyStore` is given. */
  knownHostsFile?: string;
  /** The server's trusted host keys (its database); TOFU records there, never in a file. */
  hostKeyStore?: HostKeyStore;
  /** Record unknown host keys instead of refusing. A changed key is refused regardless. */
  tofu?: boolean;
  connectTimeoutMs?: number;
  /**
   * One bound for the whole snapshot, whatever each probe does: a node whose every probe trickles
   * output until its own timeout would otherwise hold a worker slot for the sum of them.
   */
  deadlineMs?: number;
}

/** Well above a normal full snapshot (seconds), well below the sum of every probe's timeout. */
export const SNAPSHOT_DEADLINE_MS = 60_000;
/** How long channels get to close after the deadline before the connection is dropped. */
const DEADLINE_DROP_MS = 1_500;

export type SnapshotErrorKind =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'auth'
  | 'refused'
  | 'timeout'
  | 'other';

export interface SnapshotResult {
  takenAt: string;
  /**
   * complete: every probe exited 0 within its time. partial: some probe failed, timed out or
   * was lost with the connection, the rest are kept. failed: no probe could run (connect,
   * authentication or host key refused, or the connection died before any probe finished).
   */
  status: 'complete' | 'partial' | 'failed';
  durationMs: number;
  artifacts: RawArtifact[];
  error?: string;
  errorKind?: SnapshotErrorKind;
  hostKeyFingerprint?: string;
  /** A refused changed host key as the node offered it (base64 key blob), for an admin's review. */
  offeredHostKey?: string;
}

function errorKindOf(kind: SshErrorKind): SnapshotErrorKind {
  // A revoked key is a refused host key, a security event like a changed one.
  return kind === 'host-key-revoked' ? 'host-key-changed' : kind;
}

/** Why a probe counts as failed, or undefined when it ran to a clean exit. */
export function probeFailure(a: RawArtifact): string | undefined {
  if (a.timedOut) return `${a.probe} (timed out)`;
  if (a.error) return `${a.probe} (${a.error})`;
  if (a.exitCode !== 0) return `${a.probe} (exit ${a.exitCode ?? '-'})`;
  return undefined;
}

/**
 * Takes one snapshot: one SSH connection, every probe multiplexed over it on its own channel,
 * each with its own timeout and output cap. Node-level failures are results, never exceptions,
 * so a fleet run can record them and move on.
 */
export async function takeSnapshot(target: SshTarget, opts: SnapshotOptions): Promise<SnapshotResult> {
  const takenAt = new Date().toISOString();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const probes = opts.probes ?? [...PROBE_IDS];

  let conn: Awaited<ReturnType<typeof connectSsh>>;
  try {
    conn = await connectSsh(target, {
      ...(opts.knownHostsFile ? { knownHostsFile: opts.knownHostsFile } : {}),
      ...(opts.hostKeyStore ? { store: opts.hostKeyStore } : {}),
      tofu: opts.tofu ?? false,
      connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
    });
  } catch (err) {
    const result: SnapshotResult = { takenAt, status: 'failed', durationMs: elapsed(), artifacts: [] };
    result.error = (err as Error).message;
    result.errorKind = err instanceof SshError ? errorKindOf(err.kind) : 'other';
    const fp = (err as { fingerprint?: unknown }).fingerprint;
    if (typeof fp === 'string') result.hostKeyFingerprint = fp;
    if (err instanceof HostKeyChangedError && err.keyBlob)
      result.offeredHostKey = err.keyBlob.toString('base64');
    return result;
  }

  try {
    const pool = new ChannelPool(conn.client, { maxChannels: opts.maxChannels ?? 4 });
    const deadlineMs = opts.deadlineMs ?? SNAPSHOT_DEADLINE_MS;
    const deadline = new AbortController();
    let dropTimer: NodeJS.Timeout | undefined;
    const deadlineTimer = setTimeout(() => {
      deadline.abort(`the snapshot's ${Math.round(deadlineMs / 100) / 10} s deadline passed`);
      // A node that ignores the channel closes keeps their slots: dropping the connection ends
      // every channel and fails the probes still queued for one.
      dropTimer = setTimeout(() => conn.close(), DEADLINE_DROP_MS);
    }, deadlineMs);
    const artifacts = await Promise.all(
      probes.map((id) => runProbe(pool, id, { sudo: opts.sudo ?? false, signal: deadline.signal })),
    ).finally(() => {
      clearTimeout(deadlineTimer);
      clearTimeout(dropTimer);
    });
    const result: SnapshotResult = {
      takenAt,
      status: 'complete',
      durationMs: elapsed(),
      artifacts,
      hostKeyFingerprint: conn.hostKeyFingerprint,
    };
    const failures = artifacts.map(probeFailure).filter((f): f is string => f !== undefined);
    const lost = pool.failure;
    if (lost && artifacts.every((a) => a.exitCode === null)) {
      result.status = 'failed';
      result.errorKind = 'other';
      result.error = `${target.host}:${target.port}: ${lost.message} before any probe finished`;
    } else if (failures.length > 0) {
      result.status = 'partial';
      const head = lost ? `${lost.message}; ` : '';
      result.error = `${head}${failures.length} of ${artifacts.length} probes failed: ${failures.join(', ')}`;
    }
    return result;
  } catch (err) {
    return {
      takenAt,
      status: 'failed',
      durationMs: elapsed(),
      artifacts: [],
      error: `unexpected collector error: ${(err as Error).message}`,
      errorKind: 'other',
      hostKeyFingerprint: conn.hostKeyFingerprint,
    };
  } finally {
    conn.close();
  }
}
