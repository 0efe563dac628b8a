import type { PrismaClient } from '../client.ts';

/** Whether the database answers a trivial query (the health check); never throws. */
export async function pingDatabase(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
