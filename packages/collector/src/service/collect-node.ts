import os from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '@nodescope/db';
import {
  clearCollectionFailures,
  nodeForCollection,
  recordFailedCollection,
} from '@nodescope/services/collection/collection-record';
import { dbHostKeyStore } from '@nodescope/services/known-hosts/host-key-store';
import { openSshKey } from '@nodescope/services/secrets/ssh-keys';
import { ingestSnapshot } from '@nodescope/services/snapshots/ingest-snapshot';
import { type SnapshotResult, takeSnapshot } from '../snapshot/index.ts';
import { parseUserHostPort, type SshTarget } from '../ssh/index.ts';
import { withDbRetry } from './db-retry.ts';
import { env } from '@nodescope/config';

export interface CollectOptions {
  /** Used when a node has no known_hosts file of its own. */
  defaultKnownHostsFile?: string;
  maxChannels?: number;
  connectTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface CollectOutcome {
  node: string;
  state: string;
  snapshotId?: bigint;
  error?: string;
  durationMs: number;
}

const STATE_BY_ERROR: Record<NonNullable<SnapshotResult['errorKind']>, string> = {
  'host-key-unknown': 'host-key-unknown',
  'host-key-changed': 'host-key-changed',
  auth: 'auth',
  refused: 'unreachable',
  timeout: 'unreachable',
  other: 'error',
};

export function defaultKnownHosts(): string {
  return env('NODESCOPE_KNOWN_HOSTS') ?? path.join(os.homedir(), '.ssh', 'known_hosts');
}

/** Jump hosts of a node (`[user@]host[:port]`, comma-separated), each with the node's key. */
export function jumpTargets(
  proxyJump: string | null,
  user: string,
  identityFile?: string | null,
  key?: Pick<SshTarget, 'privateKey' | 'passphrase'>,
): SshTarget[] {
  if (!proxyJump) return [];
  const hops: SshTarget[] = [];
  for (const spec of proxyJump.split(',')) {
    const hop = parseUserHostPort(spec, { user });
    if (!hop) throw new Error(`invalid jump host "${spec}"`);
    hops.push({ name: hop.host, ...hop, ...(identityFile ? { identityFile } : {}), ...key });
  }
  return hops;
}

/** An uploaded key (decrypted here, for this connection only) wins over a configured key file. */
async function nodeKey(
  prisma: PrismaClient,
  sshKeyId: number | null,
): Promise<Pick<SshTarget, 'privateKey' | 'passphrase'>> {
  if (sshKeyId === null) return {};
  const key = await openSshKey(prisma, sshKeyId);
  return key ? { privateKey: key.privateKey, ...(key.passphrase ? { passphrase: key.passphrase } : {}) } : {};
}

/** One collection of one node: SSH snapshot, then ingest, or a recorded failure. Never throws for node faults. */
export async function collectNode(
  prisma: PrismaClient,
  nodeId: number,
  opts: CollectOptions = {},
): Promise<CollectOutcome> {
  const node = await nodeForCollection(prisma, nodeId);
  const key = await nodeKey(prisma, node.sshKeyId);
  // identityFile / knownHostsFile are set only by the operator (CLI flags, the demo), never by a
  // request. Trust-on-first-use writes the server's database; configured files are only read.
  const identityFile = key.privateKey ? null : node.identityFile;
  const result = await takeSnapshot(
    {
      name: node.name,
      host: node.host,
      port: node.port,
      user: node.user,
      ...(identityFile ? { identityFile } : {}),
      ...key,
      jump: jumpTargets(node.proxyJump, node.user, identityFile, key),
    },
    {
      knownHostsFile: node.knownHostsFile ?? opts.defaultKnownHostsFile ?? defaultKnownHosts(),
      hostKeyStore: dbHostKeyStore(prisma, `tofu:${node.name}`),
      tofu: node.tofu,
      sudo: node.useSudo,
      ...(opts.maxChannels ? { maxChannels: opts.maxChannels } : {}),
      connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
    },
  );
  const takenAt = new Date(result.takenAt);
  if (result.status === 'failed') {
    const state = STATE_BY_ERROR[result.errorKind ?? 'other'];
    await withDbRetry(() =>
      recordFailedCollection(prisma, node, {
        state,
        error: result.error ?? 'collection failed',
        at: takenAt,
        ...(result.offeredHostKey ? { offeredHostKey: result.offeredHostKey } : {}),
      }),
    );
    opts.log?.(`collect ${node.name}: ${state}: ${result.error ?? ''}`);
    return { node: node.name, state, error: result.error ?? 'failed', durationMs: result.durationMs };
  }
  const ingest = await withDbRetry(
    () =>
      ingestSnapshot(prisma, {
        node,
        takenAt,
        status: result.status,
        durationMs: result.durationMs,
        artifacts: result.artifacts,
        ...(result.error ? { error: result.error } : {}),
        source: 'ssh',
        collectKey: `${node.id}:${result.takenAt}`,
      }),
    { what: `storing the snapshot of ${node.name}`, ...(opts.log ? { log: opts.log } : {}) },
  );
  await clearCollectionFailures(prisma, node);
  return {
    node: node.name,
    state: result.status === 'complete' ? 'ok' : 'partial',
    snapshotId: ingest.snapshotId,
    durationMs: result.durationMs,
  };
}
