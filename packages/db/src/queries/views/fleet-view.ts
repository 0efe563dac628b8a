import { Prisma, type PrismaClient } from '../../client.ts';

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
  host: string;
  cluster: string;
  pool: string;
  labels: Record<string, string>;
  enabled: boolean;
  intervalSec: number;
  health: string | null;
  lastState: string | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  lastSnapshotAt: Date | null;
  lastSnapshotId: string | null;
  kernelRelease: string | null;
  kubeletVersion: string | null;
  metrics: Record<string, number>;
  findings: { rule: string; severity: string; title: string }[];
}

export interface PoolStat {
  cluster: string;
  pool: string;
  metric: string;
  median: number;
  p90: number;
  nodes: number;
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

interface RawRow {
  name: string;
  host: string;
  cluster: string;
  pool: string;
  labels: unknown;
  enabled: boolean;
  interval_sec: number;
  health: string | null;
  last_state: string | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  last_snapshot_at: Date | null;
  last_snapshot_id: string | null;
  kernel_release: string | null;
  kubelet_version: string | null;
  metrics: unknown;
  findings: unknown;
}

function toNumbers(json: unknown, keep?: ReadonlySet<string>): Record<string, number> {
  const out: Record<string, number> = {};
  if (!json || typeof json !== 'object') return out;
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (keep && !keep.has(k)) continue;
    const n = typeof v === 'number' ? v : Number(v);
    if (Number.isFinite(n)) out[k] = n;
  }
  return out;
}

/** A node is stale when three collection intervals passed without a snapshot. */
const STALE_SQL = Prisma.sql`(n.last_snapshot_at IS NULL OR n.last_snapshot_at < now() - make_interval(secs => n.interval_sec * 3))`;

function whereClause(f: FleetFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const q = f.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(n.name ILIKE ${like} OR n.host ILIKE ${like} OR coalesce(n.kernel_release,'') ILIKE ${like}
      OR coalesce(n.kubelet_version,'') ILIKE ${like} OR n.cluster ILIKE ${like} OR n.pool ILIKE ${like}
      OR n.labels::text ILIKE ${like} OR n.latest_findings::text ILIKE ${like} OR coalesce(n.last_error,'') ILIKE ${like})`);
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

/**
 * Fleet rows after filtering, one per node, straight from the denormalised node columns.
 * Only the metrics the table shows travel (`metricNames`): 5,000 rows must stay small.
 */
export async function fleetRows(
  prisma: PrismaClient,
  filter: FleetFilter,
  metricNames: readonly string[],
): Promise<FleetViewRow[]> {
  const keep = new Set(metricNames);
  const rows = await prisma.$queryRaw<RawRow[]>`
    SELECT n.name, n.host, n.cluster, n.pool, n.labels, n.enabled, n.interval_sec, n.health, n.last_state,
           n.last_error, n.last_attempt_at, n.last_snapshot_at, n.last_snapshot_id::text AS last_snapshot_id,
           n.kernel_release, n.kubelet_version,
           (SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM jsonb_each(n.latest_metrics) AS m(k, v)
             WHERE k = ANY(${[...metricNames]})) AS metrics,
           n.latest_findings AS findings
    FROM node n
    WHERE ${whereClause(filter)}
    ORDER BY n.cluster, n.pool, n.name`;
  return rows.map((r) => ({
    name: r.name,
    host: r.host,
    cluster: r.cluster,
    pool: r.pool,
    labels: (r.labels ?? {}) as Record<string, string>,
    enabled: r.enabled,
    intervalSec: r.interval_sec,
    health: r.health,
    lastState: r.last_state,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at,
    lastSnapshotAt: r.last_snapshot_at,
    lastSnapshotId: r.last_snapshot_id,
    kernelRelease: r.kernel_release,
    kubeletVersion: r.kubelet_version,
    metrics: toNumbers(r.metrics, keep),
    findings: Array.isArray(r.findings) ? (r.findings as FleetViewRow['findings']) : [],
  }));
}

/** Median and p90 of each metric per (cluster, pool), over every node of the pool. */
export async function poolStats(prisma: PrismaClient, metricNames: readonly string[]): Promise<PoolStat[]> {
  const rows = await prisma.$queryRaw<
    { cluster: string; pool: string; metric: string; median: number; p90: number; nodes: number }[]
  >`
    SELECT n.cluster, n.pool, m.key AS metric,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY (m.value #>> '{}')::float8) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY (m.value #>> '{}')::float8) AS p90,
           count(*)::int AS nodes
    FROM node n CROSS JOIN LATERAL jsonb_each(n.latest_metrics) AS m
    WHERE m.key = ANY(${[...metricNames]}) AND jsonb_typeof(m.value) = 'number'
    GROUP BY n.cluster, n.pool, m.key`;
  return rows.map((r) => ({ ...r, median: Number(r.median), p90: Number(r.p90), nodes: Number(r.nodes) }));
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
