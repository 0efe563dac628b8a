import type { PrismaClient } from '../../client.ts';

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(l: Record<string, string>): string {
  return `{${Object.entries(l)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(',')}}`;
}

/**
 * Prometheus text exposition (0.0.4): open findings by node, rule and severity (the latest
 * snapshot's findings), collection success and snapshot age per node.
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
        last_attempt_at: Date | null;
        health: string | null;
      }[]
    >`
      SELECT name AS node, cluster, pool, last_state AS state, last_snapshot_at, last_attempt_at, health FROM node ORDER BY name`,
  ]);
  const now = Date.now();
  const out: string[] = [];
  out.push('# HELP nodescope_open_findings Findings of the latest snapshot, by node, rule and severity.');
  out.push('# TYPE nodescope_open_findings gauge');
  for (const f of findings) {
    out.push(
      `nodescope_open_findings${labels({ node: f.node, cluster: f.cluster, pool: f.pool, rule: f.rule, severity: f.severity })} ${Number(f.n)}`,
    );
  }
  out.push(
    '# HELP nodescope_collection_success 1 when the last collection attempt produced a complete or partial snapshot.',
  );
  out.push('# TYPE nodescope_collection_success gauge');
  for (const n of nodes) {
    const ok = n.state === 'ok' || n.state === 'partial' ? 1 : 0;
    out.push(
      `nodescope_collection_success${labels({ node: n.node, cluster: n.cluster, pool: n.pool, state: n.state ?? 'never' })} ${ok}`,
    );
  }
  out.push('# HELP nodescope_snapshot_age_seconds Seconds since the latest stored snapshot of the node.');
  out.push('# TYPE nodescope_snapshot_age_seconds gauge');
  for (const n of nodes) {
    if (!n.last_snapshot_at) continue;
    out.push(
      `nodescope_snapshot_age_seconds${labels({ node: n.node, cluster: n.cluster, pool: n.pool })} ${Math.max(0, (now - n.last_snapshot_at.getTime()) / 1000).toFixed(1)}`,
    );
  }
  out.push(
    '# HELP nodescope_node_health Worst severity of the latest snapshot (0 ok, 1 info, 2 warning, 3 critical).',
  );
  out.push('# TYPE nodescope_node_health gauge');
  const rank: Record<string, number> = { ok: 0, info: 1, warning: 2, critical: 3 };
  for (const n of nodes) {
    if (n.health === null) continue;
    out.push(
      `nodescope_node_health${labels({ node: n.node, cluster: n.cluster, pool: n.pool })} ${rank[n.health] ?? 0}`,
    );
  }
  out.push('# HELP nodescope_nodes Nodes in the inventory.');
  out.push('# TYPE nodescope_nodes gauge');
  out.push(`nodescope_nodes ${nodes.length}`);
  return `${out.join('\n')}\n`;
}
