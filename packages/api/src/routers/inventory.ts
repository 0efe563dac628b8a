import { listInventory } from '@nodescope/db';
import {
  InventoryInputError,
  relabelNode,
  removeNode,
  saveNode,
  setNodeEnabled,
  UnknownSshKeyError,
} from '@nodescope/services/nodes/inventory-changes';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { keyName, labelRecord, nodeName, stringRecord } from '../schemas.ts';
import { adminProcedure, router, viewerProcedure } from '../trpc.ts';

/** Kubernetes node-name characters: names end up in URLs and never reach a shell. */
const inventoryName = nodeName.regex(
  /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/,
  'letters, digits, . _ - only',
);
const hostPort = z
  .string()
  .regex(/^(?:[A-Za-z0-9_.-]+@)?(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/);

const inventoryRow = z.object({
  name: z.string(),
  host: z.string(),
  port: z.number(),
  user: z.string(),
  key: z.object({ name: z.string(), fingerprint: z.string() }).nullable(),
  configuredKeyFile: z.boolean(),
  configuredKnownHosts: z.boolean(),
  proxyJump: z.string().nullable(),
  cluster: z.string(),
  pool: z.string(),
  labels: stringRecord,
  enabled: z.boolean(),
  useSudo: z.boolean(),
  tofu: z.boolean(),
  intervalSec: z.number(),
  lastState: z.string().nullable(),
});

const saveInput = z
  .object({
    name: inventoryName,
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9_.:[\]-]+$/),
    port: z.number().int().min(1).max(65535).default(22),
    user: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/)
      .default('root'),
    /** An uploaded key by name (keys.add); a request never names a file on the server. */
    key: keyName.nullable().optional(),
    proxyJump: z
      .string()
      .max(1024)
      .refine(
        (v) => v.split(',').every((hop) => hostPort.safeParse(hop).success),
        'comma-separated [user@]host[:port]',
      )
      .nullable()
      .optional(),
    labels: labelRecord.default({}),
    intervalSec: z.number().int().min(10).max(86_400).optional(),
    useSudo: z.boolean().optional(),
    tofu: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  // Unknown fields are refused, not dropped: identityFile / knownHostsFile (server paths) are
  // configuration of the operator's own CLI, never accepted from a request.
  .strict();

function mustExist(ok: boolean, name: string): { ok: true } {
  if (!ok) throw new TRPCError({ code: 'NOT_FOUND', message: `node ${name} not found` });
  return { ok: true };
}

const ok = z.object({ ok: z.literal(true) });

export const inventoryRouter = router({
  list: viewerProcedure.output(z.array(inventoryRow)).query(({ ctx }) => listInventory(ctx.prisma)),
  save: adminProcedure
    .input(saveInput)
    .output(inventoryRow)
    .mutation(async ({ ctx, input }) => {
      const { key, ...node } = input;
      try {
        return await saveNode(ctx.prisma, { ...node, ...(key === undefined ? {} : { sshKeyName: key }) });
      } catch (err) {
        if (err instanceof UnknownSshKeyError || err instanceof InventoryInputError)
          throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
    }),
  setEnabled: adminProcedure
    .input(z.object({ name: inventoryName, enabled: z.boolean() }))
    .output(ok)
    .mutation(async ({ ctx, input }) =>
      mustExist(await setNodeEnabled(ctx.prisma, input.name, input.enabled), input.name),
    ),
  setLabels: adminProcedure
    .input(z.object({ name: inventoryName, labels: labelRecord }))
    .output(ok)
    .mutation(async ({ ctx, input }) =>
      mustExist(await relabelNode(ctx.prisma, input.name, input.labels), input.name),
    ),
  remove: adminProcedure
    .input(z.object({ name: inventoryName }))
    .output(ok)
    .mutation(async ({ ctx, input }) => mustExist(await removeNode(ctx.prisma, input.name), input.name)),
});
