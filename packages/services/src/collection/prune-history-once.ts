import { type PrismaClient, pruneHistory, retentionFromEnv } from '@nodescope/db';

/** Any fixed number shared by every worker: the lock that makes one of them prune per round. */
const RETENTION_LOCK = 72707370;

/**
 * One retention round, run by whichever worker takes the lock first; the others skip it.
 * Returns what was pruned, or null when another worker holds the round.
 */
export async function pruneHistoryOnce(
  prisma: PrismaClient,
): Promise<{ artifactsPruned: number; snapshotsDeleted: number } | null> {
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<{ ok: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK}) AS ok`,
      );
      if (!lock?.ok) return null;
      return pruneHistory(tx, retentionFromEnv());
    },
    { timeout: 600_000 },
  );
}
