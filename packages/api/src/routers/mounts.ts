import { DEVICE_CLASSES } from '@nodescope/core';
import { mountExport, mountGraph } from '@nodescope/services/mounts/mount-graph';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { idString, nodeName } from '../schemas.ts';
import { router, viewerProcedure } from '../trpc.ts';

const deviceClass = z.enum(DEVICE_CLASSES as [string, ...string[]]);
const nodeKind = z.enum(['device', 'host-mount', 'copy-group', 'copy', 'namespace', 'container']);
const count = z.record(z.string(), z.number());
const rawLine = z.object({
  probe: z.string(),
  line: z.number(),
  text: z.string(),
  nsId: z.string().optional(),
});

const graphNode = z.object({
  id: z.string(),
  kind: nodeKind,
  label: z.string(),
  count: z.number(),
  leak: z.boolean(),
  state: z.string().optional(),
  leakCount: z.number(),
  detail: z.string().optional(),
  badges: count.optional(),
  expandable: z.boolean().optional(),
  hidden: z.number().optional(),
  deviceClass: deviceClass.optional(),
  fsType: z.string().optional(),
  holder: z.string().optional(),
  column: z.number(),
  x: z.number(),
  y: z.number(),
});

const graphEdge = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(['mount', 'shared', 'master', 'private', 'unbindable', 'holds']),
  count: z.number(),
  label: z.string().optional(),
  bind: z.number().optional(),
  leak: z.boolean(),
});

const holder = z.object({
  holder: z.string(),
  label: z.string(),
  kind: z.enum(['container', 'namespace']),
  container: z.string().optional(),
  containerId: z.string().optional(),
  pod: z.string().optional(),
  state: z.string(),
  pid: z.number().optional(),
  nsId: z.string().optional(),
  copies: z.number(),
  devices: z.number(),
  leak: z.boolean(),
  leakedCopies: z.number(),
  reasons: count,
});

const planGroup = z.object({
  holder: z.string(),
  label: z.string(),
  nsenterPid: z.number().optional(),
  commandTotal: z.number(),
  commands: z.array(z.string()),
  bulkCommand: z.string().optional(),
  followUp: z.string().optional(),
  note: z.string().optional(),
});

export const mountViewOutput = z.object({
  node: z.string().optional(),
  nodes: z.array(graphNode),
  edges: z.array(graphEdge),
  holders: z.array(holder),
  umountPlan: z.array(planGroup),
  totals: z.object({
    records: z.number(),
    namespaces: z.number(),
    blockRecords: z.number(),
    virtualRecords: z.number(),
    devices: z.number(),
    hostMounts: z.number(),
    copies: z.number(),
    leakedCopies: z.number(),
    leakedDevices: z.number(),
    holders: z.number(),
    leakHolders: z.number(),
    shownDevices: z.number(),
    shownCopies: z.number(),
  }),
  layout: z.object({
    columns: z.array(z.string()),
    columnWidth: z.number(),
    nodeWidth: z.number(),
    nodeHeight: z.number(),
    width: z.number(),
    height: z.number(),
  }),
  summary: z.string(),
  expanded: z.string().optional(),
  facets: z.object({
    deviceClasses: z.array(deviceClass),
    fsTypes: z.array(z.string()),
    holders: z.array(z.object({ key: z.string(), label: z.string() })),
  }),
  capped: z.boolean(),
});

export const mountSelectionOutput = z.object({
  id: z.string(),
  kind: nodeKind,
  title: z.string(),
  mountLines: z.array(rawLine),
  mountLineTotal: z.number(),
  kubeletLines: z.array(rawLine),
  kubeletLineTotal: z.number(),
  dmesgLines: z.array(rawLine),
  dmesgLineTotal: z.number(),
  kernelThreads: z.array(rawLine),
  kernelThreadTotal: z.number(),
  container: rawLine
    .extend({
      id: z.string(),
      name: z.string().optional(),
      state: z.string(),
      status: z.string(),
      pod: z.string().optional(),
      error: z.string().optional(),
    })
    .optional(),
  members: z.array(
    z.object({ id: z.string(), label: z.string(), detail: z.string().optional(), leak: z.boolean() }),
  ),
  memberTotal: z.number(),
});

const nodeId = z.string().min(1).max(600);

export const mountGraphInput = z.object({
  node: nodeName,
  snapshot: idString.optional(),
  expand: nodeId.optional(),
  select: nodeId.optional(),
  filters: z
    .object({
      leaksOnly: z.boolean().optional(),
      holder: z.string().max(200).optional(),
      deviceClass: deviceClass.optional(),
      fsType: z.string().max(64).optional(),
      q: z.string().max(200).optional(),
    })
    .optional(),
});

export const mountsRouter = router({
  graph: viewerProcedure
    .input(mountGraphInput)
    .output(
      z.object({
        snapshot: z.object({ id: z.string(), takenAt: z.string() }),
        node: z.string(),
        view: mountViewOutput,
        selection: mountSelectionOutput.nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const r = await mountGraph(ctx.prisma, input as Parameters<typeof mountGraph>[1]);
      if (!r)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `no snapshot of ${input.node}${input.snapshot ? ` with id ${input.snapshot}` : ''}`,
        });
      return r;
    }),
  export: viewerProcedure
    .input(
      z.object({ node: nodeName, snapshot: idString.optional(), kind: z.enum(['leaks-csv', 'umount-plan']) }),
    )
    .output(z.object({ fileName: z.string(), contentType: z.string(), text: z.string() }))
    .query(async ({ ctx, input }) => {
      const r = await mountExport(ctx.prisma, input);
      if (!r) throw new TRPCError({ code: 'NOT_FOUND', message: `no snapshot of ${input.node}` });
      return r;
    }),
});
