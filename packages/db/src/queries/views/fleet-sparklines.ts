import type { PrismaClient } from '../../client.ts';

export interface SparklineInput {
  names: string[];
  metrics: string[];
  /** Window ending now. */
  hours: number;
  buckets: number;
}

/** { node: { metric: [bucket averages, oldest first; null for empty buckets] } } */
export type Sparklines = Record<string, Record<string, (number | null)[]>>;

/**
 * Downsampled recent history for the rows on screen only: the table asks for the visible
 * window, so 5,000 nodes never travel at once.
 */
export async function fleetSparklines(prisma: PrismaClient, input: SparklineInput): Promise<Sparklines> {
  const out: Sparklines = {};
  if (!input.names.length || !input.metrics.length) return out;
  const to = new Date();
  const bucketSec = Math.max(60, Math.ceil((input.hours * 3600) / input.buckets));
  const from = new Date(to.getTime() - bucketSec * input.buckets * 1000);
  const rows = await prisma.$queryRaw<{ node: string; metric: string; i: number; v: number }[]>`
    SELECT n.name AS node, s.name AS metric,
           floor(extract(epoch FROM s.time - ${from}::timestamptz) / ${bucketSec})::int AS i,
           avg(s.value)::float8 AS v
    FROM metric_sample s JOIN node n ON n.id = s.node_id
    WHERE n.name = ANY(${input.names}) AND s.name = ANY(${input.metrics}) AND s.time >= ${from}::timestamptz
    GROUP BY 1, 2, 3`;
  for (const r of rows) {
    const byMetric = out[r.node] ?? {};
    out[r.node] = byMetric;
    const series = byMetric[r.metric] ?? Array.from({ length: input.buckets }, (): number | null => null);
    byMetric[r.metric] = series;
    const i = Math.min(input.buckets - 1, Math.max(0, Number(r.i)));
    series[i] = Number(r.v);
  }
  return out;
}
