import type { PrismaClient } from '../../client.ts';

export interface CollectionRequest {
  accepted: boolean;
  message: string;
  requestedAt: Date | null;
}

/**
 * "Collect now": makes the node due immediately. The worker's scheduler picks nodes whose
 * next_due_at has passed, so this needs no queue of its own and two clicks collect once.
 */
export async function requestCollection(prisma: PrismaClient, nodeName: string): Promise<CollectionRequest> {
  const now = new Date();
  const { count } = await prisma.node.updateMany({ where: { name: nodeName }, data: { nextDueAt: now } });
  if (!count) return { accepted: false, message: `No node named ${nodeName}.`, requestedAt: null };
  const node = await prisma.node.findUnique({ where: { name: nodeName }, select: { enabled: true } });
  if (!node?.enabled) {
    return {
      accepted: false,
      message: `${nodeName} is disabled; enable it in the inventory to collect.`,
      requestedAt: null,
    };
  }
  return {
    accepted: true,
    message: `Collection of ${nodeName} requested; the worker picks it up within seconds.`,
    requestedAt: now,
  };
}
