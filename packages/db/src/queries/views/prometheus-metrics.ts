import { Gauge, Registry } from 'prom-client';
import type { PrismaClient } from '../../client.ts';

/** Worst severity of the latest snapshot; a changed host key outranks every finding. */
const HEALTH_VALUE: Record<string, number> = { ok: 0, info: 1, warning: 2, critical: 3 };
export const SECURITY_HEALTH_VALUE = 4;

/**
 * Prometheus text exposition (prom-client): open findings by node, rule and severity (the latest
 * snapshot's findings), and for every node in the inventory (a node that never answered and the
 * changed-host-key node included) its collection success, health and snapshot age with its state.
 */
export async function prometheusMetrics(prisma: PrismaClient): Promise<string> {
  const [findings, nodes] = await Promise.all([
    prisma.$queryRaw<
      { node: string; cluster: string; pool: string; rule: string; severity: string; n: number }[]
    >`
      SELECT n.name AS node, n.cluster, n.pool, f.rule, f.severity::text AS severity, count(*)::int AS n
      FROM node n JOIN finding f ON f.snapshot_id = n.last_snapshot_id
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 4`,
    prisma.$queryRaw<
      {
        node: string;
        cluster: string;
        pool: string;
        state: string | null;
        last_snapshot_at: Date | null;
        health: string | null;
      }[]
    >`
      SELECT name AS node, cluster, pool, last_state AS state, last_snapshot_at, health FROM node ORDER BY name`,
  ]);
  // A registry per scrape: the values are read from the database each time, nothing accumulates.
  const registry = new Registry();
  const open = new Gauge({
    name: 'nodescope_open_findings',
    help: 'Findings of the latest snapshot, by node, rule and severity.',
    labelNames: ['node', 'cluster', 'pool', 'rule', 'severity'] as const,
    registers: [registry],
  });
  const success = new Gauge({
    name: 'nodescope_collection_success',
    help: '1 when the last collection attempt produced a complete or partial snapshot.',
    labelNames: ['node', 'cluster', 'pool', 'state'] as const,
    registers: [registry],
  });
  const age = new Gauge({
    name: 'nodescope_snapshot_age_seconds',
    help: 'Seconds since the latest stored snapshot of the node (+Inf when it never produced one).',
    labelNames: ['node', 'cluster', 'pool', 'state'] as const,
    registers: [registry],
  });
  const health = new Gauge({
    name: 'nodescope_node_health',
    help: 'Worst severity of the latest snapshot (0 ok, 1 info, 2 warning, 3 critical); 4 when the node offered a changed host key (a security event); -1 when it has never been analysed.',
    labelNames: ['node', 'cluster', 'pool', 'state'] as const,
    registers: [registry],
  });
  const count = new Gauge({
    name: 'nodescope_nodes',
    help: 'Nodes in the inventory.',
    registers: [registry],
  });
  for (const f of findings)
    open.set(
      { node: f.node, cluster: f.cluster, pool: f.pool, rule: f.rule, severity: f.severity },
      Number(f.n),
    );
  const now = Date.now();
  for (const n of nodes) {
    const state = n.state ?? 'never';
    const l = { node: n.node, cluster: n.cluster, pool: n.pool, state };
    success.set(l, n.state === 'ok' || n.state === 'partial' ? 1 : 0);
    age.set(
      l,
      n.last_snapshot_at
        ? Math.round(Math.max(0, now - n.last_snapshot_at.getTime()) / 100) / 10
        : Number.POSITIVE_INFINITY,
    );
    health.set(
      l,
      n.state === 'host-key-changed'
        ? SECURITY_HEALTH_VALUE
        : n.health === null
          ? -1
          : (HEALTH_VALUE[n.health] ?? 0),
    );
  }
  count.set(nodes.length);
  return registry.metrics();
}
