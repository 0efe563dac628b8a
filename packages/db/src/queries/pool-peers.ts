import type { Metrics } from '@nodescope/core';
import type { PrismaClient } from '../client.ts';

export interface PoolPeer {
  name: string;
  metrics: Metrics;
}

/** The nodes of one cluster and pool that have a snapshot, with their latest metrics. */
export async function poolPeers(
  prisma: PrismaClient,
  pool: { cluster: string; pool: string },
): Promise<PoolPeer[]> {
  const rows = await prisma.node.findMany({
    where: { cluster: pool.cluster, pool: pool.pool, lastSnapshotId: { not: null } },
    select: { name: true, latestMetrics: true },
  });
  return rows.map((r) => ({ name: r.name, metrics: (r.latestMetrics ?? {}) as Metrics }));
}
