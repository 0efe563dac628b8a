import type { Metrics } from '@nodescope/core';
import type { PrismaClient } from '../../client.ts';

export interface UploadTarget {
  node: { id: number; name: string; cluster: string; pool: string };
  created: boolean;
  /** The SSH-collected node the bundle names, when the upload was kept apart from it. */
  keptApartFrom?: string;
  peers: { name: string; metrics: Metrics }[];
}

/** Suffix of the node that holds uploads naming an SSH-collected node. `~` is never in an inventory name. */
export const UPLOAD_NODE_SUFFIX = '~upload';

const SELECT = { id: true, name: true, cluster: true, pool: true, labels: true } as const;

function isUploadOnly(labels: unknown): boolean {
  return (labels as Record<string, string> | null)?.source === 'upload';
}

/**
 * The node an uploaded bundle belongs to. A bundle only names its node, and anyone with the
 * responder role can write one, so an upload never becomes the latest snapshot of a node that
 * the server collects over SSH unless the uploader explicitly attaches it: otherwise it goes to
 * `<name>~upload`, next to the real node (same cluster and pool, so compared with the same
 * peers). Unknown names get an upload-only node (disabled for SSH: we do not know how to reach it).
 */
export async function uploadTarget(
  prisma: PrismaClient,
  name: string,
  host?: string,
  opts: { attach?: boolean } = {},
): Promise<UploadTarget> {
  let node = await prisma.node.findUnique({ where: { name }, select: SELECT });
  let created = false;
  let keptApartFrom: string | undefined;
  if (node && !isUploadOnly(node.labels) && !opts.attach) {
    keptApartFrom = node.name;
    const real = node;
    const apart = `${name}${UPLOAD_NODE_SUFFIX}`;
    node = await prisma.node.findUnique({ where: { name: apart }, select: SELECT });
    if (!node) {
      node = await prisma.node.create({
        data: {
          name: apart,
          host: host || name,
          enabled: false,
          cluster: real.cluster,
          pool: real.pool,
          labels: { cluster: real.cluster, pool: real.pool, source: 'upload', uploadOf: real.name },
        },
        select: SELECT,
      });
      created = true;
    }
  } else if (!node) {
    node = await prisma.node.create({
      data: { name, host: host || name, enabled: false, labels: { source: 'upload' } },
      select: SELECT,
    });
    created = true;
  }
  const target = node;
  const rows = await prisma.node.findMany({
    where: {
      cluster: target.cluster,
      pool: target.pool,
      id: { not: target.id },
      lastSnapshotId: { not: null },
    },
    select: { name: true, latestMetrics: true },
  });
  return {
    node: { id: target.id, name: target.name, cluster: target.cluster, pool: target.pool },
    created,
    ...(keptApartFrom ? { keptApartFrom } : {}),
    peers: rows.map((r) => ({ name: r.name, metrics: (r.latestMetrics ?? {}) as Metrics })),
  };
}

/**
 * Undoes an upload target made for a bundle that then could not be stored (disk full, analysis
 * refused), so a refused upload leaves no empty node in the fleet. A node that meanwhile got a
 * snapshot stays.
 */
export async function dropUnusedUploadTarget(prisma: PrismaClient, nodeId: number): Promise<void> {
  await prisma.node.deleteMany({ where: { id: nodeId, snapshots: { none: {} } } });
}
