import { type CollectionRequest, type PrismaClient, requestCollection } from '@nodescope/db';

export type { CollectionRequest } from '@nodescope/db';

/**
 * "Collect now" from the node page or the CLI: the node becomes due at once and the next
 * scheduler pass enqueues it; a disabled or unknown node is refused with a sentence saying why.
 */
export function collectNow(prisma: PrismaClient, nodeName: string): Promise<CollectionRequest> {
  return requestCollection(prisma, nodeName);
}

/** Every named node due at once (the demo after a restart: its ports may have changed). */
export async function makeDueNow(prisma: PrismaClient, names: string[]): Promise<number> {
  const r = await prisma.node.updateMany({ where: { name: { in: names } }, data: { nextDueAt: new Date() } });
  return r.count;
}
