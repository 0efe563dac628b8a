import type { PrismaClient } from '@nodescope/db';

/** The node row a collection works from (connection settings, failure count, interval). */
export async function nodeForCollection(prisma: PrismaClient, nodeId: number) {
  return prisma.node.findUniqueOrThrow({ where: { id: nodeId } });
}
export type CollectionNode = Awaited<ReturnType<typeof nodeForCollection>>;

/** Unreachable nodes back off exponentially (interval x 2^failures), capped at an hour. */
export function backoffSeconds(intervalSec: number, failures: number): number {
  return Math.min(intervalSec * 2 ** Math.min(failures, 10), 3600);
}

/**
 * A failed attempt (unreachable, refused host key, authentication): the node's state and
 * error for the fleet view, and its next attempt pushed out by the backoff.
 */
export async function recordFailedCollection(
  prisma: PrismaClient,
  node: Pick<CollectionNode, 'id' | 'failureCount' | 'intervalSec'>,
  failure: { state: string; error: string; at: Date; offeredHostKey?: string },
): Promise<void> {
  const failures = node.failureCount + 1;
  await prisma.node.update({
    where: { id: node.id },
    data: {
      lastState: failure.state,
      lastError: failure.error,
      lastAttemptAt: failure.at,
      failureCount: failures,
      nextDueAt: new Date(Date.now() + backoffSeconds(node.intervalSec, failures) * 1000),
      ...(failure.offeredHostKey
        ? { offeredHostKey: failure.offeredHostKey, offeredHostKeyAt: failure.at }
        : {}),
    },
  });
}

/** A stored snapshot ends a run of failures: the next failure backs off from the start again. */
export async function clearCollectionFailures(
  prisma: PrismaClient,
  node: Pick<CollectionNode, 'id' | 'failureCount'>,
): Promise<void> {
  if (node.failureCount) await prisma.node.update({ where: { id: node.id }, data: { failureCount: 0 } });
}
