import type { PrismaClient } from '@nodescope/db';

export interface DueNode {
  id: number;
  name: string;
}

/**
 * Claims the nodes whose collection is due and moves their next due time one interval (with
 * jitter) ahead, atomically: with several workers on one database each node is claimed by
 * exactly one of them per interval (row locks, SKIP LOCKED).
 */
export async function claimDueNodes(prisma: PrismaClient, limit = 1000, jitter = 0.1): Promise<DueNode[]> {
  return prisma.$queryRawUnsafe<DueNode[]>(
    `UPDATE node SET next_due_at = now() + make_interval(secs => interval_sec * (1 + $2::float8 * random()))
     WHERE id IN (
       SELECT id FROM node
       WHERE enabled AND (next_due_at IS NULL OR next_due_at <= now())
       ORDER BY next_due_at NULLS FIRST
       LIMIT $1
       FOR UPDATE SKIP LOCKED)
     RETURNING id, name`,
    limit,
    jitter,
  );
}
