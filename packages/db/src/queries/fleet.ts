import type { PrismaClient } from '../client.ts';

export interface FleetRow {
  name: string;
  host: string;
  port: number;
  cluster: string;
  pool: string;
  labels: Record<string, string>;
  enabled: boolean;
  health: string | null;
  lastState: string | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  lastSnapshotAt: Date | null;
  kernelRelease: string | null;
  kubeletVersion: string | null;
  latestMetrics: Record<string, number>;
  latestFindings: { rule: string; severity: string; title: string }[];
}

/** One row per node, from the denormalised fields the ingest keeps fresh. */
export async function listFleet(prisma: PrismaClient): Promise<FleetRow[]> {
  const nodes = await prisma.node.findMany({
    orderBy: [{ cluster: 'asc' }, { pool: 'asc' }, { name: 'asc' }],
  });
  return nodes.map((n) => ({
    name: n.name,
    host: n.host,
    port: n.port,
    cluster: n.cluster,
    pool: n.pool,
    labels: (n.labels ?? {}) as Record<string, string>,
    enabled: n.enabled,
    health: n.health,
    lastState: n.lastState,
    lastError: n.lastError,
    lastAttemptAt: n.lastAttemptAt,
    lastSnapshotAt: n.lastSnapshotAt,
    kernelRelease: n.kernelRelease,
    kubeletVersion: n.kubeletVersion,
    latestMetrics: (n.latestMetrics ?? {}) as Record<string, number>,
    latestFindings: (n.latestFindings ?? []) as FleetRow['latestFindings'],
  }));
}
