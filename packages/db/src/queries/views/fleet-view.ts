import { Prisma, type PrismaClient } from '../../client.ts';
import type { Outlier } from './peer-outliers.ts';

/** Collection outcome as the collector records it on the node. */
export type CollectionState =
  | 'ok'
  | 'partial'
  | 'unreachable'
  | 'auth'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'error';

export interface FleetFilter {
  /** Free text: name, host, kernel, kubelet, cluster, pool, label values, finding titles. */
  q?: string;
  /** Node health values to keep: critical | warning | info | ok | unknown. */
  severity?: string[];
  /** Keep nodes whose latest findings include one of these rules. */
  rule?: string[];
  /** `key=value` or bare `key` label selectors, all must match. */
  label?: string[];
  cluster?: string[];
  pool?: string[];
  /** Collection states to keep (ok, partial, unreachable, …, stale). */
  state?: string[];
}

export interface FleetViewRow {
  name: string;
  cluster: string;
  pool: string;
  enabled: boolean;
  intervalSec: number;
  health: string | null;
  lastState: string | null;
  lastError: string | null;
  /** ISO-8601 UTC. */
  lastSnapshotAt: string | null;
  lastSnapshotId: string | null;
  kernelRelease: string | null;
  kubeletVersion: string | null;
  /** Only the metrics asked for (the table's columns). */
  metrics: Record<string, number>;
  /** The same values as an array aligned with the requested metric names (compact on the wire). */
  values: (number | null)[];
  findings: { rule: string; severity: string; title: string }[];
  /** Filled in by the overview (peer comparison); empty here. */
  outliers: Outlier[];
  /** No snapshot for three collection intervals. */
  stale: boolean;
}

export interface PoolStat {
  cluster: string;
  pool: string;
  metric: string;
  median: number;
  p90: number;
  nodes: number;
  /** Every node's value, ascending: the peer comparison leaves the node itself out of it. */
  values: number[];
}

export interface FleetFacets {
  clusters: string[];
  pools: { cluster: string; pool: string; nodes: number }[];
  labels: { key: string; value: string; nodes: number }[];
  rules: { rule: string; nodes: number }[];
  health: Record<string, number>;
  states: Record<string, number>;
  total: number;
}

/** A node is stale when three collection intervals passed without a snapshot. */
const STALE_SQL = Prisma.sql`(n.last_snapshot_at IS NULL OR n.last_snapshot_at < now() - make_interval(secs => n.interval_sec * 3))`;

function whereClause(f: FleetFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const q = f.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // "mount leak" finds mount-propagation-leak: every word in the rule id or the finding's title.
    const words = q
      .split(/[\s-]+/)
      .filter(Boolean)
      .map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    parts.push(Prisma.sql`(n.name ILIKE ${like} OR n.host ILIKE ${like} OR coalesce(n.kernel_release,'') ILIKE ${like}
      OR coalesce(n.kubelet_version,'') ILIKE ${like} OR n.cluster ILIKE ${like} OR n.pool ILIKE ${like}
      OR n.labels::text ILIKE ${like} OR n.latest_findings::text ILIKE ${like} OR coalesce(n.last_error,'') ILIKE ${like}
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(n.latest_findings) lf
                 WHERE concat_ws(' ', lf->>'rule', lf->>'title') ILIKE ALL (${words})))`);
  }
  if (f.severity?.length) parts.push(Prisma.sql`coalesce(n.health, 'unknown') = ANY(${f.severity})`);
  if (f.rule?.length) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(n.latest_findings) lf WHERE lf->>'rule' = ANY(${f.rule}))`,
    );
  }
  for (const sel of f.label ?? []) {
    const eq = sel.indexOf('=');
    if (eq === -1) parts.push(Prisma.sql`n.labels ? ${sel}`);
    else
      parts.push(Prisma.sql`n.labels @> ${JSON.stringify({ [sel.slice(0, eq)]: sel.slice(eq + 1) })}::jsonb`);
  }
  if (f.cluster?.length) parts.push(Prisma.sql`n.cluster = ANY(${f.cluster})`);
  if (f.pool?.length) parts.push(Prisma.sql`n.pool = ANY(${f.pool})`);
  if (f.state?.length) {
    const states = f.state.filter((s) => s !== 'stale');
    const ors: Prisma.Sql[] = [];
    if (states.length) ors.push(Prisma.sql`coalesce(n.last_state, 'never') = ANY(${states})`);
    if (f.state.includes('stale')) ors.push(STALE_SQL);
    parts.push(Prisma.sql`(${Prisma.join(ors, ' OR ')})`);
  }
  return Prisma.join(parts, ' AND ');
}

type RawRow = [
  name: string,
  cluster: string,
  pool: string,
  enabled: boolean,
  intervalSec: number,
  health: string | null,
  lastState: string | null,
  lastError: string | null,
  lastSnapshotAtMs: number | null,
  lastSnapshotId: string | null,
  kernelRelease: string | null,
  kubeletVersion: string | null,
  metrics: Record<string, unknown>,
  findings: FleetViewRow['findings'],
];

/**
 * Fleet rows after filtering, one per node, straight from the denormalised node columns.
 * The whole result is one JSON text built by Postgres, unsorted (the caller sorts): at 5,000
 * nodes that is several times faster than decoding rows of JSON columns one by one, and
 * cheaper than picking metrics out of jsonb or formatting times in SQL.
 */
export async function fleetRows(
  prisma: PrismaClient,
  filter: FleetFilter,
  metricNames: readonly string[],
): Promise<FleetViewRow[]> {
  return (await fleetRowsRead(prisma, whereClause(filter), metricNames)).rows;
}

/**
 * Rows changed since `since` (every row when null), with the node count and the DB time of the
 * read: what an incremental cache needs.
 */
export async function fleetRowsChangedSince(
  prisma: PrismaClient,
  since: Date | null,
  metricNames: readonly string[],
): Promise<{ rows: FleetViewRow[]; total: number; dbNow: Date }> {
  return fleetRowsRead(
    prisma,
    since ? Prisma.sql`n.updated_at >= ${since}::timestamptz` : Prisma.sql`TRUE`,
    metricNames,
  );
}

async function fleetRowsRead(
  prisma: PrismaClient,
  where: Prisma.Sql,
  metricNames: readonly string[],
): Promise<{ rows: FleetViewRow[]; total: number; dbNow: Date }> {
  const [{ rows, total, db_now }] = await prisma.$queryRaw<[{ rows: string; total: number; db_now: Date }]>`
    SELECT coalesce(json_agg(json_build_array(
             n.name, n.cluster, n.pool, n.enabled, n.interval_sec, n.health, n.last_state, n.last_error,
             (extract(epoch FROM n.last_snapshot_at) * 1000)::float8, n.last_snapshot_id::text,
             n.kernel_release, n.kubelet_version, n.latest_metrics, n.latest_findings
           )) FILTER (WHERE ${where}), '[]')::text AS rows,
           count(*)::int AS total, now() AS db_now
    FROM node n`;
  return { rows: parseRows(rows, metricNames), total: Number(total), dbNow: db_now };
}

function parseRows(rows: string, metricNames: readonly string[]): FleetViewRow[] {
  const now = Date.now();
  return (JSON.parse(rows) as RawRow[]).map((r) => {
    const metrics: Record<string, number> = {};
    const values: (number | null)[] = [];
    for (const m of metricNames) {
      const v = r[12]?.[m];
      const ok = typeof v === 'number' && Number.isFinite(v);
      if (ok) metrics[m] = v;
      values.push(ok ? v : null);
    }
    return {
      name: r[0],
      cluster: r[1],
      pool: r[2],
      enabled: r[3],
      intervalSec: r[4],
      health: r[5],
      lastState: r[6],
      lastError: r[7],
      lastSnapshotAt: r[8] === null ? null : new Date(Math.round(r[8])).toISOString(),
      lastSnapshotId: r[9],
      kernelRelease: r[10],
      kubeletVersion: r[11],
      metrics,
      values,
      findings: Array.isArray(r[13]) ? r[13] : [],
      outliers: [],
      stale: r[8] === null || now - r[8] > r[4] * 3000,
    };
  });
}

/**
 * Median and p90 of each metric per (cluster, pool), over every node of the pool, and the sorted
 * values themselves (the peer comparison of each node leaves its own value out): one pass over
 * the node table with ordered-set aggregates per metric.
 */
export async function poolStats(prisma: PrismaClient, metricNames: readonly string[]): Promise<PoolStat[]> {
  if (!metricNames.length) return [];
  const aggs = Prisma.join(
    metricNames.map(
      (m) => Prisma.sql`json_build_array(
        percentile_cont(0.5) WITHIN GROUP (ORDER BY (n.latest_metrics->>${m})::float8),
        percentile_cont(0.9) WITHIN GROUP (ORDER BY (n.latest_metrics->>${m})::float8),
        count(n.latest_metrics->>${m}),
        array_agg((n.latest_metrics->>${m})::float8 ORDER BY (n.latest_metrics->>${m})::float8)
          FILTER (WHERE jsonb_typeof(n.latest_metrics->${m}) = 'number'))`,
    ),
  );
  const rows = await prisma.$queryRaw<{ cluster: string; pool: string; stats: string }[]>`
    SELECT n.cluster, n.pool, json_build_array(${aggs})::text AS stats
    FROM node n GROUP BY n.cluster, n.pool`;
  const out: PoolStat[] = [];
  for (const r of rows) {
    const stats = JSON.parse(r.stats) as [number | null, number | null, number, number[] | null][];
    stats.forEach(([median, p90, nodes, values], i) => {
      if (median === null || p90 === null || !nodes) return;
      out.push({
        cluster: r.cluster,
        pool: r.pool,
        metric: metricNames[i] as string,
        median,
        p90,
        nodes,
        values: values ?? [],
      });
    });
  }
  return out;
}

/** Counts for the filter bar, over the whole fleet (not the filtered rows). */
export async function fleetFacets(prisma: PrismaClient): Promise<FleetFacets> {
  const [pools, labels, rules, health, states] = await Promise.all([
    prisma.$queryRaw<{ cluster: string; pool: string; nodes: number }[]>`
      SELECT cluster, pool, count(*)::int AS nodes FROM node GROUP BY cluster, pool ORDER BY cluster, pool`,
    prisma.$queryRaw<{ key: string; value: string; nodes: number }[]>`
      SELECT l.key, l.value, count(*)::int AS nodes FROM node n CROSS JOIN LATERAL jsonb_each_text(n.labels) AS l
      GROUP BY l.key, l.value ORDER BY l.key, l.value LIMIT 500`,
    prisma.$queryRaw<{ rule: string; nodes: number }[]>`
      SELECT f->>'rule' AS rule, count(DISTINCT n.id)::int AS nodes
      FROM node n CROSS JOIN LATERAL jsonb_array_elements(n.latest_findings) AS f GROUP BY 1 ORDER BY 2 DESC, 1`,
    prisma.$queryRaw<{ k: string; nodes: number }[]>`
      SELECT coalesce(health, 'unknown') AS k, count(*)::int AS nodes FROM node GROUP BY 1`,
    prisma.$queryRaw<{ k: string; nodes: number }[]>`
      SELECT coalesce(n.last_state, 'never') AS k, count(*)::int AS nodes FROM node n GROUP BY 1
      UNION ALL SELECT 'stale', count(*)::int FROM node n WHERE ${STALE_SQL}`,
  ]);
  const rec = (xs: { k: string; nodes: number }[]) =>
    Object.fromEntries(xs.map((x) => [x.k, Number(x.nodes)]));
  return {
    clusters: [...new Set(pools.map((p) => p.cluster))],
    pools: pools.map((p) => ({ ...p, nodes: Number(p.nodes) })),
    labels: labels.map((l) => ({ ...l, nodes: Number(l.nodes) })),
    rules: rules.map((r) => ({ ...r, nodes: Number(r.nodes) })),
    health: rec(health),
    states: rec(states),
    total: pools.reduce((s, p) => s + Number(p.nodes), 0),
  };
}
