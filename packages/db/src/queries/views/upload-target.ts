import type { Metrics } from '@nodescope/core';
import type { PrismaClient } from '../../client.ts';

export interface UploadTarget {
  node: { id: number; name: string; cluster: string; pool: string };
  created: boolean;
  peers: { name: string; metrics: Metrics }[];
}

/**
 * The node an uploaded bundle belongs to, by the bundle's node name: created (disabled for
 * SSH, since we do not know how to reach it) when unknown; plus its pool peers for analysis.
 */
export async function uploadTarget(prisma: PrismaClient, name: string, host?: string): Promise<UploadTarget> {
  let node = await prisma.node.findUnique({
    where: { name },
    select: { id: true, name: true, cluster: true, pool: true },
  });
  let created = false;
  if (!node) {
    node = await prisma.node.create({
      data: { name, host: host || name, enabled: false, labels: { source: 'upload' } },
      select: { id: true, name: true, cluster: true, pool: true },
    });
    created = true;
  }
  const rows = await prisma.node.findMany({
    where: { cluster: node.cluster, pool: node.pool, id: { not: node.id }, lastSnapshotId: { not: null } },
    select: { name: true, latestMetrics: true },
  });
  return {
    node,
    created,
    peers: rows.map((r) => ({ name: r.name, metrics: (r.latestMetrics ?? {}) as Metrics })),
  };
}
