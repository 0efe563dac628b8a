import { analyzeArtifacts, type Metrics, type RawArtifact } from '@nodescope/core';
import { type PrismaClient, storeSnapshot } from '@nodescope/db';

export interface IngestInput {
  node: { id: number; name: string; cluster: string; pool: string };
  takenAt: Date;
  status: 'complete' | 'partial' | 'failed';
  durationMs: number;
  artifacts: RawArtifact[];
  error?: string;
  source?: 'ssh' | 'upload' | 'backfill';
  collectKey?: string;
  /** Keep metrics and findings but not the raw text (backfilled history). */
  dropArtifacts?: boolean;
}

export interface IngestResult {
  snapshotId: bigint;
  findings: number;
  worst: string;
  analyzeMs: number;
}

const PEER_TTL_MS = 30_000;
const MIN_CACHED_PEERS = 4;
const peerCache = new Map<string, { at: number; peers: { name: string; metrics: Metrics }[] }>();

/**
 * Peers are the other nodes of the same cluster and pool, by their latest metrics. A pool of
 * a thousand nodes would otherwise be read back on every ingest: the list is cached per pool
 * for half a minute (medians move slowly), and the node itself is left out on use.
 */
async function loadPeers(prisma: PrismaClient, node: IngestInput['node']) {
  const key = `${node.cluster}\u0000${node.pool}`;
  const now = Date.now();
  let entry = peerCache.get(key);
  // A small pool, or one still filling up, is cheap to read and must not be stale: no cache.
  const ttl = entry && entry.peers.length >= MIN_CACHED_PEERS ? PEER_TTL_MS : 0;
  if (!entry || now - entry.at > ttl) {
    const rows = await prisma.node.findMany({
      where: { cluster: node.cluster, pool: node.pool, lastSnapshotId: { not: null } },
      select: { name: true, latestMetrics: true },
    });
    entry = {
      at: now,
      peers: rows.map((r) => ({ name: r.name, metrics: (r.latestMetrics ?? {}) as Metrics })),
    };
    peerCache.set(key, entry);
  }
  return entry.peers.filter((p) => p.name !== node.name);
}

/** Parse and analyze at ingest, then store snapshot, artifacts, findings and metrics in one transaction. */
export async function ingestSnapshot(prisma: PrismaClient, input: IngestInput): Promise<IngestResult> {
  const peers = await loadPeers(prisma, input.node);
  const started = performance.now();
  const analysis = analyzeArtifacts(input.artifacts, {
    takenAt: input.takenAt.toISOString(),
    nodeName: input.node.name,
    peers,
  });
  const analyzeMs = performance.now() - started;
  const snapshotId = await storeSnapshot(prisma, {
    nodeId: input.node.id,
    takenAt: input.takenAt,
    status: input.status,
    durationMs: input.durationMs,
    ...(input.error ? { error: input.error } : {}),
    source: input.source ?? 'ssh',
    ...(input.collectKey ? { collectKey: input.collectKey } : {}),
    artifacts: input.dropArtifacts ? [] : input.artifacts,
    findings: analysis.findings,
    metrics: analysis.metrics,
    warnings: analysis.warnings,
    facts: {
      ...(analysis.state.system.kernelRelease ? { kernelRelease: analysis.state.system.kernelRelease } : {}),
      ...(analysis.state.system.kubeletVersion
        ? { kubeletVersion: analysis.state.system.kubeletVersion }
        : {}),
    },
  });
  return {
    snapshotId,
    findings: analysis.findings.length,
    worst: analysis.findings[0]?.severity ?? 'ok',
    analyzeMs,
  };
}
