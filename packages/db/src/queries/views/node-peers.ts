import { KEY_METRICS, metricSpec } from '@nodescope/core';
import type { PrismaClient } from '../../client.ts';

export interface PeerRow {
  metric: string;
  label: string;
  unit: string;
  value: number | null;
  median: number | null;
  p90: number | null;
  /** value / median; null when either is missing or the median is zero. */
  ratio: number | null;
  peers: number;
}

/** Metrics compared on the node page: the fleet's key metrics plus the ones the incidents turn on. */
export const PEER_METRICS: readonly string[] = [
  ...KEY_METRICS,
  'kubelet.rss_bytes',
  'threads.jbd2',
  'threads.ext4_rsv_conver',
  'threads.kworker',
  'mounts.leaked',
  'blockdev.count',
  'psi.io.full.avg10',
  'psi.memory.some.avg10',
  'psi.cpu.some.avg10',
  'pleg.relist_max_gap_s',
  'load.1',
];

/** This node against the other nodes of its cluster and pool (latest values, median and p90). */
export async function nodePeers(
  prisma: PrismaClient,
  name: string,
): Promise<{ cluster: string; pool: string; peers: number; rows: PeerRow[] } | null> {
  const node = await prisma.node.findUnique({
    where: { name },
    select: { id: true, cluster: true, pool: true, latestMetrics: true },
  });
  if (!node) return null;
  const stats = await prisma.$queryRaw<{ metric: string; median: number; p90: number; peers: number }[]>`
    SELECT m.key AS metric,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY (m.value #>> '{}')::float8) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY (m.value #>> '{}')::float8) AS p90,
           count(*)::int AS peers
    FROM node n CROSS JOIN LATERAL jsonb_each(n.latest_metrics) AS m
    WHERE n.cluster = ${node.cluster} AND n.pool = ${node.pool} AND n.id <> ${node.id}
      AND m.key = ANY(${[...PEER_METRICS]}) AND jsonb_typeof(m.value) = 'number'
    GROUP BY m.key`;
  const byMetric = new Map(stats.map((s) => [s.metric, s]));
  const mine = (node.latestMetrics ?? {}) as Record<string, number>;
  const peerCount = await prisma.node.count({
    where: { cluster: node.cluster, pool: node.pool, id: { not: node.id } },
  });
  const rows = PEER_METRICS.map((metric) => {
    const s = byMetric.get(metric);
    const spec = metricSpec(metric);
    const value = typeof mine[metric] === 'number' ? mine[metric] : null;
    const median = s ? Number(s.median) : null;
    return {
      metric,
      label: spec?.label ?? metric,
      unit: spec?.unit ?? 'count',
      value,
      median,
      p90: s ? Number(s.p90) : null,
      ratio: value !== null && median ? value / median : null,
      peers: s ? Number(s.peers) : 0,
    };
  }).filter((r) => r.value !== null || r.median !== null);
  return { cluster: node.cluster, pool: node.pool, peers: peerCount, rows };
}
