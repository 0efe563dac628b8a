import type { PrismaClient } from '../client.ts';
import { env } from '@nodescope/config';

export interface RetentionPolicy {
  /** Raw artifact text is dropped after this many days (default 7). */
  rawDays: number;
  /** Snapshots with their metrics and findings are deleted after this many days (default 90). */
  historyDays: number;
}

export function retentionFromEnv(source: Record<string, string | undefined> = process.env): RetentionPolicy {
  return {
    rawDays: env('NODESCOPE_RETAIN_RAW_DAYS', source),
    historyDays: env('NODESCOPE_RETAIN_DAYS', source),
  };
}

export interface PruneResult {
  artifactsPruned: number;
  snapshotsDeleted: number;
  metricsDeleted: number;
  auditDeleted: number;
}

/**
 * Retention: raw artifacts go first (they are most of the bytes), metrics and findings are
 * kept longer for trends. A node's latest snapshot is never pruned, however old.
 */
export async function pruneHistory(
  prisma: Pick<PrismaClient, '$executeRawUnsafe'>,
  policy: RetentionPolicy,
  now = new Date(),
): Promise<PruneResult> {
  const rawCutoff = new Date(now.getTime() - policy.rawDays * 86_400_000);
  const historyCutoff = new Date(now.getTime() - policy.historyDays * 86_400_000);
  const artifactsPruned = await prisma.$executeRawUnsafe(
    `UPDATE artifact a SET content = NULL, pruned_at = $2
     FROM snapshot s
     WHERE a.snapshot_id = s.id AND a.content IS NOT NULL AND s.taken_at < $1
       AND NOT EXISTS (SELECT 1 FROM node n WHERE n.last_snapshot_id = s.id)`,
    rawCutoff,
    now,
  );
  const metricsDeleted = await prisma.$executeRawUnsafe(
    `DELETE FROM metric_sample m WHERE m.time < $1
       AND NOT EXISTS (SELECT 1 FROM node n WHERE n.last_snapshot_id = m.snapshot_id)`,
    historyCutoff,
  );
  const snapshotsDeleted = await prisma.$executeRawUnsafe(
    `DELETE FROM snapshot s WHERE s.taken_at < $1
       AND NOT EXISTS (SELECT 1 FROM node n WHERE n.last_snapshot_id = s.id)`,
    historyCutoff,
  );
  // The audit log is kept as long as findings.
  const auditDeleted = await prisma.$executeRawUnsafe('DELETE FROM audit_event WHERE at < $1', historyCutoff);
  return { artifactsPruned, snapshotsDeleted, metricsDeleted, auditDeleted };
}
