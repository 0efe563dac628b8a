import type { RawArtifact } from '@nodescope/core';
import type { PrismaClient } from '@nodescope/db';
import { ingestSnapshot } from './ingest-snapshot.ts';

/**
 * History for a node that has none yet (the demo's first start): one ingested snapshot per
 * time, metrics and findings only. Live collection starts at once, so "has snapshots" says
 * nothing: a node with any backfilled snapshot is skipped. Returns how many were stored; a
 * failed time is reported through `log` and skipped.
 */
export async function backfillHistory(
  prisma: PrismaClient,
  nodeName: string,
  times: Date[],
  artifactsAt: (at: Date) => RawArtifact[],
  log: (line: string) => void,
): Promise<number> {
  const node = await prisma.node.findUnique({ where: { name: nodeName } });
  if (!node) return 0;
  if ((await prisma.snapshot.count({ where: { nodeId: node.id, source: 'backfill' } })) > 0) return 0;
  let stored = 0;
  for (const at of times) {
    try {
      await ingestSnapshot(prisma, {
        node,
        takenAt: at,
        status: 'complete',
        durationMs: 0,
        artifacts: artifactsAt(at),
        source: 'backfill',
        dropArtifacts: true,
      });
      stored++;
    } catch (err) {
      log(`demo backfill of ${nodeName} at ${at.toISOString()}: ${(err as Error).message}`);
    }
  }
  return stored;
}
