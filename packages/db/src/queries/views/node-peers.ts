import { comparePeers, KEY_METRICS, type Metrics, metricSpec, summarisePeers } from '@nodescope/core';
import type { PrismaClient } from '../../client.ts';

export interface PeerRow {
  metric: string;
  label: string;
  unit: string;
  value: number | null;
  /** Median and p90 of the node's peers (its cluster and pool without itself). */
  median: number | null;
  p90: number | null;
  /** value / median to one decimal, as the fleet-outlier finding prints it; null for a zero median. */
  ratio: number | null;
  peers: number;
  /** Far from the peers by the one thresholds table (the fleet-outlier rule). */
  outlier: boolean;
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

/**
 * This node against the other nodes of its cluster and pool, by their latest metrics: the core
 * peer comparison that the fleet-outlier finding and the fleet table's outlier marks also use.
 */
export async function nodePeers(
  prisma: PrismaClient,
  name: string,
): Promise<{ cluster: string; pool: string; peers: number; rows: PeerRow[] } | null> {
  const node = await prisma.node.findUnique({
    where: { name },
    select: { id: true, name: true, cluster: true, pool: true, latestMetrics: true },
  });
  if (!node) return null;
  const others = await prisma.node.findMany({
    where: { cluster: node.cluster, pool: node.pool, id: { not: node.id } },
    select: { name: true, latestMetrics: true },
  });
  const mine = (node.latestMetrics ?? {}) as Metrics;
  const peers = others.map((o) => ({ name: o.name, metrics: (o.latestMetrics ?? {}) as Metrics }));
  const compared = new Map(
    comparePeers({ name: node.name, metrics: mine }, peers, PEER_METRICS).map((c) => [c.metric, c]),
  );
  const rows: PeerRow[] = [];
  for (const metric of PEER_METRICS) {
    const spec = metricSpec(metric);
    const c = compared.get(metric);
    const value = typeof mine[metric] === 'number' ? mine[metric] : null;
    // No own value: still show the peers' figures for context.
    const s =
      c ??
      summarisePeers(peers.map((p) => p.metrics[metric]).filter((v): v is number => typeof v === 'number'));
    if (value === null && !s) continue;
    rows.push({
      metric,
      label: spec?.label ?? metric,
      unit: spec?.unit ?? 'count',
      value,
      median: s?.median ?? null,
      p90: s?.p90 ?? null,
      ratio: c?.ratio ?? null,
      peers: s?.peers ?? 0,
      outlier: c?.outlier ?? false,
    });
  }
  return { cluster: node.cluster, pool: node.pool, peers: others.length, rows };
}
