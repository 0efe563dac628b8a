import type { PrismaClient } from '../../client.ts';

export interface TrendsInput {
  name: string;
  from: Date;
  to: Date;
  /** Points per series the chart can show; buckets are sized to fit. */
  points?: number;
}

export interface NodeTrends {
  from: Date;
  to: Date;
  bucketSec: number;
  /** Bucket start times, epoch ms, ascending. */
  times: number[];
  /** Aligned with `times`; null where the bucket had no sample. */
  series: Record<string, (number | null)[]>;
  /** First-seen times of findings in the range, for chart annotations. */
  annotations: { rule: string; severity: string; title: string; at: Date }[];
}

/** Spikes matter more than averages for these: a 42 s relist gap must survive downsampling. */
function usesMax(metric: string): boolean {
  return (
    metric.endsWith('_gap_s') ||
    metric.startsWith('log.rate.') ||
    metric.startsWith('psi.') ||
    metric === 'systemd.ping_ms'
  );
}

/**
 * One node's metric history in a time range, downsampled in SQL with date_bin to at most
 * `points` buckets per series (averages, or maxima for spiky series).
 */
export async function nodeTrends(prisma: PrismaClient, input: TrendsInput): Promise<NodeTrends | null> {
  const node = await prisma.node.findUnique({ where: { name: input.name }, select: { id: true } });
  if (!node) return null;
  const points = Math.max(10, Math.min(2000, input.points ?? 300));
  const spanSec = Math.max(60, (input.to.getTime() - input.from.getTime()) / 1000);
  const bucketSec = Math.max(60, Math.ceil(spanSec / points));
  const [rows, annotations] = await Promise.all([
    prisma.$queryRaw<{ name: string; t: Date; avg: number; max: number }[]>`
      SELECT s.name, date_bin(make_interval(secs => ${bucketSec}), s.time, ${input.from}::timestamptz) AS t,
             avg(s.value)::float8 AS avg, max(s.value)::float8 AS max
      FROM metric_sample s
      WHERE s.node_id = ${node.id} AND s.time >= ${input.from}::timestamptz AND s.time <= ${input.to}::timestamptz
      GROUP BY 1, 2`,
    prisma.$queryRaw<{ rule: string; severity: string; title: string; at: Date }[]>`
      SELECT DISTINCT ON (f.rule, f.first_seen_at) f.rule, f.severity::text AS severity, f.title, f.first_seen_at AS at
      FROM finding f
      WHERE f.node_id = ${node.id} AND f.first_seen_at >= ${input.from}::timestamptz AND f.first_seen_at <= ${input.to}::timestamptz
      ORDER BY f.rule, f.first_seen_at, f.last_seen_at DESC
      LIMIT 200`,
  ]);
  const timeSet = new Set<number>();
  for (const r of rows) timeSet.add(r.t.getTime());
  const times = [...timeSet].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const series: Record<string, (number | null)[]> = {};
  for (const r of rows) {
    const s = series[r.name] ?? new Array<number | null>(times.length).fill(null);
    series[r.name] = s;
    const i = index.get(r.t.getTime());
    if (i !== undefined) s[i] = Number(usesMax(r.name) ? r.max : r.avg);
  }
  return {
    from: input.from,
    to: input.to,
    bucketSec,
    times,
    series,
    annotations: annotations.sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}
