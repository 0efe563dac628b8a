import { fleetOverview, fleetSparklines } from '@nodescope/db';
import { z } from 'zod';
import { findingLabel, isoDate } from '../schemas.ts';
import { viewerProcedure, router } from '../trpc.ts';

const list = z.array(z.string().max(200)).max(100).optional();

export const fleetListInput = z
  .object({
    q: z.string().max(200).optional(),
    severity: list,
    rule: list,
    label: list,
    cluster: list,
    pool: list,
    state: list,
    sort: z.string().max(80).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    group: z.enum(['none', 'cluster', 'pool']).optional(),
  })
  .default({});

const outlier = z.object({
  metric: z.string(),
  value: z.number(),
  median: z.number(),
  ratio: z.number().nullable(),
});

export const fleetRowOutput = z.object({
  name: z.string(),
  cluster: z.string(),
  pool: z.string(),
  enabled: z.boolean(),
  health: z.string().nullable(),
  lastState: z.string().nullable(),
  lastError: z.string().nullable(),
  /** ISO-8601 UTC. */
  lastSnapshotAt: z.string().nullable(),
  lastSnapshotId: z.string().nullable(),
  kernelRelease: z.string().nullable(),
  kubeletVersion: z.string().nullable(),
  /** Aligned with the output's `columns`. */
  values: z.array(z.number().nullable()),
  findings: z.array(findingLabel),
  outliers: z.array(outlier),
  stale: z.boolean(),
});

const count = z.number().int();

export const fleetListOutput = z.object({
  columns: z.array(z.string()),
  rows: z.array(fleetRowOutput),
  pools: z.array(
    z.object({
      cluster: z.string(),
      pool: z.string(),
      metric: z.string(),
      median: z.number(),
      p90: z.number(),
      nodes: count,
    }),
  ),
  facets: z.object({
    clusters: z.array(z.string()),
    pools: z.array(z.object({ cluster: z.string(), pool: z.string(), nodes: count })),
    labels: z.array(z.object({ key: z.string(), value: z.string(), nodes: count })),
    rules: z.array(z.object({ rule: z.string(), nodes: count })),
    health: z.record(z.string(), count),
    states: z.record(z.string(), count),
    total: count,
  }),
  metrics: z.array(z.object({ name: z.string(), label: z.string(), unit: z.string(), floor: z.number() })),
  generatedAt: isoDate,
});

export const sparklinesInput = z.object({
  names: z.array(z.string().max(253)).max(300),
  metrics: z.array(z.string().max(120)).max(12),
  hours: z
    .number()
    .min(1)
    .max(24 * 30)
    .default(24),
  buckets: z.number().int().min(4).max(120).default(24),
});

export const sparklinesOutput = z.record(z.string(), z.record(z.string(), z.array(z.number().nullable())));

export const fleetRouter = router({
  list: viewerProcedure
    .input(fleetListInput)
    .output(fleetListOutput)
    .query(({ ctx, input }) => fleetOverview(ctx.prisma, input)),
  sparklines: viewerProcedure
    .input(sparklinesInput)
    .output(sparklinesOutput)
    .query(({ ctx, input }) => fleetSparklines(ctx.prisma, input)),
});
