import { nodePeers, nodeTrends } from '@nodescope/db';
import { collectNow } from '@nodescope/services/collection/collect-now';
import { findNode } from '@nodescope/services/nodes/inventory-changes';
import { nodeDetailWithRootCause } from '@nodescope/services/triage/node-root-cause';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { findingLabel, isoDate, isoDateOrNull, nodeName, numberRecord, stringRecord } from '../schemas.ts';
import { responderProcedure, router, viewerProcedure } from '../trpc.ts';

function found<T>(v: T | null, what: string): T {
  if (v === null) throw new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
  return v;
}

const evidence = z.object({ probe: z.string(), line: z.number(), text: z.string() });

export const nodeGetOutput = z.object({
  name: z.string(),
  host: z.string(),
  port: z.number(),
  cluster: z.string(),
  pool: z.string(),
  labels: stringRecord,
  enabled: z.boolean(),
  intervalSec: z.number(),
  health: z.string().nullable(),
  lastState: z.string().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: isoDateOrNull,
  nextDueAt: isoDateOrNull,
  kernelRelease: z.string().nullable(),
  kubeletVersion: z.string().nullable(),
  runtime: z.string().nullable(),
  os: z.string().nullable(),
  metrics: numberRecord,
  /** The most probable root cause from the triage playbooks on the latest snapshot; findings follow it. */
  rootCause: z
    .object({
      id: z.string(),
      title: z.string(),
      playbook: z.string(),
      chain: z.array(z.string()),
      causeRule: z.string().nullable(),
      consequenceRules: z.array(z.string()),
    })
    .nullable(),
  lastSnapshot: z
    .object({
      id: z.string(),
      takenAt: isoDate,
      status: z.string(),
      durationMs: z.number(),
      source: z.string(),
      probeErrors: stringRecord,
    })
    .nullable(),
  findings: z.array(
    findingLabel.extend({
      id: z.string(),
      summary: z.string(),
      evidence: z.array(evidence),
      evidenceTotal: z.number(),
      metrics: numberRecord,
      details: z.record(z.string(), z.unknown()).nullable(),
      firstSeenAt: isoDate,
      lastSeenAt: isoDate,
      snapshotId: z.string(),
    }),
  ),
  recentSnapshots: z.array(
    z.object({
      id: z.string(),
      takenAt: isoDate,
      status: z.string(),
      source: z.string(),
      findings: z.number(),
      worst: z.string().nullable(),
    }),
  ),
});

export const nodePeersOutput = z.object({
  cluster: z.string(),
  pool: z.string(),
  peers: z.number(),
  rows: z.array(
    z.object({
      metric: z.string(),
      label: z.string(),
      unit: z.string(),
      value: z.number().nullable(),
      median: z.number().nullable(),
      p90: z.number().nullable(),
      ratio: z.number().nullable(),
      peers: z.number(),
      outlier: z.boolean(),
    }),
  ),
});

export const nodeTrendsInput = z
  .object({
    name: nodeName,
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    points: z.number().int().min(10).max(2000).default(300),
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: '`from` must be before `to`' });

export const nodeTrendsOutput = z.object({
  from: isoDate,
  to: isoDate,
  bucketSec: z.number(),
  times: z.array(z.number()),
  series: z.record(z.string(), z.array(z.number().nullable())),
  annotations: z.array(z.object({ rule: z.string(), severity: z.string(), title: z.string(), at: isoDate })),
});

export const collectNowOutput = z.object({
  accepted: z.boolean(),
  message: z.string(),
  requestedAt: isoDateOrNull,
});

export const nodeRouter = router({
  /** Whether a node exists: what a page checks on the server to answer 404, without the detail. */
  exists: viewerProcedure
    .input(z.object({ name: nodeName }))
    .output(z.object({ name: z.string() }))
    .query(async ({ ctx, input }) => ({
      name: found(await findNode(ctx.prisma, input.name), `Node ${input.name}`).name,
    })),
  get: viewerProcedure
    .input(z.object({ name: nodeName }))
    .output(nodeGetOutput)
    .query(async ({ ctx, input }) =>
      found(await nodeDetailWithRootCause(ctx.prisma, input.name), `Node ${input.name}`),
    ),
  peers: viewerProcedure
    .input(z.object({ name: nodeName }))
    .output(nodePeersOutput)
    .query(async ({ ctx, input }) => found(await nodePeers(ctx.prisma, input.name), `Node ${input.name}`)),
  trends: viewerProcedure
    .input(nodeTrendsInput)
    .output(nodeTrendsOutput)
    .query(async ({ ctx, input }) =>
      found(
        await nodeTrends(ctx.prisma, {
          name: input.name,
          from: new Date(input.from),
          to: new Date(input.to),
          points: input.points,
        }),
        `Node ${input.name}`,
      ),
    ),
  collectNow: responderProcedure
    .input(z.object({ name: nodeName }))
    .output(collectNowOutput)
    .mutation(({ ctx, input }) => collectNow(ctx.prisma, input.name)),
});
