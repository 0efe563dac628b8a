import { listAudit } from '@nodescope/services/audit/list-audit';
import { z } from 'zod';
import { idString, isoDate } from '../schemas.ts';
import { adminProcedure, router } from '../trpc.ts';

export const auditRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          action: z
            .string()
            .max(64)
            .regex(/^[a-z.-]*$/)
            .optional(),
          before: idString.optional(),
          limit: z.number().int().min(1).max(500).default(100),
        })
        .default({ limit: 100 }),
    )
    .output(
      z.object({
        rows: z.array(
          z.object({
            id: z.string(),
            at: isoDate,
            actorKind: z.string(),
            actorName: z.string(),
            action: z.string(),
            target: z.string(),
            details: z.record(z.string(), z.unknown()),
          }),
        ),
        nextBefore: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.prisma, input)),
});
