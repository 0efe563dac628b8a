import type { ParseWarning, RawArtifact } from '@nodescope/core';
import { type PoolPeer, type PrismaClient, storeSnapshot } from '@nodescope/db';
import { analyzeForStorage } from '../analysis-pool/analyze-in-pool.ts';
import { cachedPoolPeers } from './peer-cache.ts';

export type SnapshotSource = 'ssh' | 'upload' | 'backfill';

export interface IngestInput {
  node: { id: number; name: string; cluster: string; pool: string };
  takenAt: Date;
  status: 'complete' | 'partial' | 'failed';
  durationMs: number;
  artifacts: RawArtifact[];
  error?: string;
  source: SnapshotSource;
  /** Idempotency key: ingesting the same key twice stores one snapshot and returns it. */
  collectKey?: string;
  /** Keep metrics and findings but not the raw text (backfilled history). */
  dropArtifacts?: boolean;
  /**
   * The pool peers to compare with, when the caller has just read them (an upload's target
   * lookup does); otherwise the pool's cached latest metrics, without the node itself.
   */
  peers?: PoolPeer[];
  /** Warnings of reading the container (a bundle's), stored before the analysis' own. */
  readWarnings?: ParseWarning[];
}

export interface IngestResult {
  snapshotId: bigint;
  findings: number;
  worst: string;
  analyzeMs: number;
}

/**
 * The one way a snapshot enters the database, whether collected over SSH, uploaded as a
 * bundle or backfilled by the demo: analysed against its pool peers in the analysis pool (off
 * the event loop), then stored with its artifacts, findings and metrics in one transaction.
 */
export async function ingestSnapshot(prisma: PrismaClient, input: IngestInput): Promise<IngestResult> {
  const peers = input.peers ?? (await cachedPoolPeers(prisma, input.node));
  const started = performance.now();
  const analysis = await analyzeForStorage(input.artifacts, {
    takenAt: input.takenAt.toISOString(),
    nodeName: input.node.name,
    peers,
  });
  const analyzeMs = performance.now() - started;
  const sys = analysis.state.system;
  const snapshotId = await storeSnapshot(prisma, {
    nodeId: input.node.id,
    takenAt: input.takenAt,
    status: input.status,
    durationMs: input.durationMs,
    ...(input.error ? { error: input.error } : {}),
    source: input.source,
    ...(input.collectKey ? { collectKey: input.collectKey } : {}),
    artifacts: input.dropArtifacts ? [] : input.artifacts,
    findings: analysis.findings,
    metrics: analysis.metrics,
    warnings: [...(input.readWarnings ?? []), ...analysis.warnings],
    facts: {
      ...(sys.kernelRelease ? { kernelRelease: sys.kernelRelease } : {}),
      ...(sys.kubeletVersion ? { kubeletVersion: sys.kubeletVersion } : {}),
    },
  });
  return {
    snapshotId,
    findings: analysis.findings.length,
    worst: analysis.findings[0]?.severity ?? 'ok',
    analyzeMs,
  };
}
