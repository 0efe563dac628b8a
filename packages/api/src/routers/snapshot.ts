import { artifactText, snapshotDetail } from '@nodescope/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { idString, isoDate, isoDateOrNull, stringRecord } from '../schemas.ts';
import { viewerProcedure, router } from '../trpc.ts';

const evidence = z.object({ probe: z.string(), line: z.number(), text: z.string() });

export const snapshotGetOutput = z.object({
  id: z.string(),
  node: z.object({ name: z.string(), cluster: z.string(), pool: z.string() }),
  takenAt: isoDate,
  status: z.string(),
  durationMs: z.number(),
  source: z.string(),
  error: z.string().nullable(),
  probeErrors: stringRecord,
  warnings: z.array(
    z.object({ probe: z.string().optional(), line: z.number().optional(), message: z.string() }),
  ),
  probes: z.array(
    z.object({
      probe: z.string(),
      exitCode: z.number().nullable(),
      durationMs: z.number(),
      byteSize: z.number(),
      lineCount: z.number(),
      truncated: z.boolean(),
      timedOut: z.boolean(),
      error: z.string().nullable(),
      pruned: z.boolean(),
    }),
  ),
  findings: z.array(
    z.object({ rule: z.string(), severity: z.string(), title: z.string(), evidence: z.array(evidence) }),
  ),
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
});

export const artifactOutput = z.object({
  snapshotId: z.string(),
  probe: z.string(),
  text: z.string().nullable(),
  lineCount: z.number(),
  byteSize: z.number(),
  truncated: z.boolean(),
  prunedAt: isoDateOrNull,
});

export const snapshotRouter = router({
  get: viewerProcedure
    .input(z.object({ id: idString }))
    .output(snapshotGetOutput)
    .query(async ({ ctx, input }) => {
      const s = await snapshotDetail(ctx.prisma, BigInt(input.id));
      if (!s) throw new TRPCError({ code: 'NOT_FOUND', message: `Snapshot ${input.id} not found` });
      return s;
    }),
  artifact: viewerProcedure
    .input(z.object({ id: idString, probe: z.string().min(1).max(64) }))
    .output(artifactOutput)
    .query(async ({ ctx, input }) => {
      const a = await artifactText(ctx.prisma, BigInt(input.id), input.probe);
      if (!a)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `No ${input.probe} artifact in snapshot ${input.id}`,
        });
      return a;
    }),
});
