import type { TriageReport } from '@nodescope/core';
import { answerStep } from '@nodescope/services/incidents/answer-step';
import {
  attachSnapshot,
  completeVerification,
  requestVerification,
} from '@nodescope/services/incidents/attach-snapshot';
import { exportIncidentMarkdown } from '@nodescope/services/incidents/export-incident';
import { getIncident } from '@nodescope/services/incidents/get-incident';
import { SLUG_PATTERN } from '@nodescope/services/incidents/incident-slug';
import { listIncidents } from '@nodescope/services/incidents/list-incidents';
import { openIncident } from '@nodescope/services/incidents/open-incident';
import {
  createShareLink,
  incidentByShareToken,
  listShareLinks,
  revokeShareLink,
  SHARE_MAX_DAYS,
} from '@nodescope/services/incidents/share-links';
import {
  addAffectedNode,
  addNote,
  markKeyEvent,
  updateIncident,
} from '@nodescope/services/incidents/update-incident';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { idString, isoDate, isoDateOrNull, nodeName, numberRecord, severity } from '../schemas.ts';
import { publicProcedure, responderProcedure, router, viewerProcedure } from '../trpc.ts';

const slug = z.string().regex(SLUG_PATTERN, 'not an incident slug');
const status = z.enum(['investigating', 'mitigated', 'resolved']);
const verdict = z.enum(['confirmed', 'ruled-out', 'inconclusive', 'unknown']);
const shortText = z.string().max(200);
const longText = z.string().max(20_000);
/** The engine's report, frozen at pin time: stored and returned as it was produced. */
const triageReport = z.custom<TriageReport>((v) => typeof v === 'object' && v !== null && 'runs' in v);

function found<T>(v: T | null | false, what: string): T {
  if (v === null || v === false) throw new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
  return v;
}

const beforeAfterRow = z.object({
  metric: z.string(),
  label: z.string(),
  unit: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  ratio: z.number().nullable(),
});

export const incidentViewOutput = z.object({
  slug: z.string(),
  title: z.string(),
  status: z.string(),
  severity: z.string(),
  owner: z.string().nullable(),
  summary: z.string(),
  remediation: z.string(),
  openedFrom: z.string(),
  rule: z.string().nullable(),
  nodeName: z.string(),
  openedBy: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  mitigatedAt: isoDateOrNull,
  resolvedAt: isoDateOrNull,
  impact: z.object({ from: isoDate, to: isoDate }),
  nodes: z.array(z.object({ name: z.string(), addedBy: z.string(), addedAt: isoDate })),
  pins: z.array(
    z.object({
      snapshotId: z.string(),
      nodeName: z.string(),
      takenAt: isoDate,
      contentHash: z.string(),
      role: z.string(),
      pinnedBy: z.string(),
      pinnedAt: isoDate,
      findings: z.array(z.object({ rule: z.string(), severity: z.string(), title: z.string() })),
      metrics: numberRecord,
      triage: triageReport,
    }),
  ),
  steps: z.array(
    z.object({
      playbook: z.string(),
      stepId: z.string(),
      suggested: z.string(),
      verdict: z.string(),
      overridden: z.boolean(),
      note: z.string(),
      answeredBy: z.string(),
      answeredAt: isoDate,
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      text: z.string(),
      nodeTime: isoDateOrNull,
      snapshotId: z.string().nullable(),
      stepId: z.string().nullable(),
      key: z.boolean(),
      actorKind: z.string(),
      actorName: z.string(),
      at: isoDate,
    }),
  ),
  verify: z.object({ snapshotId: z.string(), takenAt: isoDate, rows: z.array(beforeAfterRow) }).nullable(),
  newerSnapshot: z.object({ id: z.string(), takenAt: isoDate }).nullable(),
  verifyPending: z.boolean(),
});

const listRow = z.object({
  slug: z.string(),
  title: z.string(),
  status: z.string(),
  severity: z.string(),
  owner: z.string().nullable(),
  nodeName: z.string(),
  nodes: z.array(z.string()),
  rule: z.string().nullable(),
  rootCause: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  events: z.number(),
});

const shareLinkRow = z.object({
  id: z.number(),
  label: z.string(),
  createdBy: z.string(),
  createdAt: isoDate,
  expiresAt: isoDate,
  revokedAt: isoDateOrNull,
  lastUsedAt: isoDateOrNull,
  state: z.enum(['active', 'expired', 'revoked']),
});

const ok = z.object({ ok: z.literal(true) });
const day = z.iso.date();

export const incidentsRouter = router({
  list: viewerProcedure
    .input(
      z.object({
        status: z.array(status).max(3).optional(),
        severity: z.array(severity).max(3).optional(),
        node: nodeName.optional(),
        rule: z.string().max(64).optional(),
        from: day.optional(),
        to: day.optional(),
      }),
    )
    .output(z.array(listRow))
    .query(({ ctx, input }) =>
      listIncidents(ctx.prisma, {
        ...(input.status ? { status: input.status } : {}),
        ...(input.severity ? { severity: input.severity } : {}),
        ...(input.node ? { node: input.node } : {}),
        ...(input.rule ? { rule: input.rule } : {}),
        ...(input.from ? { from: new Date(`${input.from}T00:00:00Z`) } : {}),
        ...(input.to ? { to: new Date(`${input.to}T23:59:59.999Z`) } : {}),
      }),
    ),
  get: viewerProcedure
    .input(z.object({ slug }))
    .output(incidentViewOutput)
    .query(async ({ ctx, input }) =>
      found(await getIncident(ctx.prisma, input.slug), `Incident ${input.slug}`),
    ),
  exportMarkdown: viewerProcedure
    .input(z.object({ slug, redact: z.boolean().default(false), origin: z.url().max(200).optional() }))
    .output(z.object({ slug: z.string(), markdown: z.string() }))
    .query(async ({ ctx, input }) =>
      found(
        await exportIncidentMarkdown(ctx.prisma, input.slug, {
          redact: input.redact,
          ...(input.origin ? { origin: input.origin.replace(/\/+$/, '') } : {}),
        }),
        `Incident ${input.slug}`,
      ),
    ),
  open: responderProcedure
    .input(
      z.object({
        node: nodeName,
        from: z.enum(['node', 'finding', 'fleet']),
        rule: z.string().max(64).optional(),
        snapshotId: idString.optional(),
        title: shortText.optional(),
      }),
    )
    .output(z.object({ slug: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const r = await openIncident(ctx.prisma, ctx.actor, {
        nodeName: input.node,
        from: input.from,
        ...(input.rule ? { rule: input.rule } : {}),
        ...(input.snapshotId ? { snapshotId: BigInt(input.snapshotId) } : {}),
        ...(input.title ? { title: input.title } : {}),
      });
      if (!r.ok) {
        throw new TRPCError({
          code: r.reason === 'no-node' ? 'NOT_FOUND' : 'PRECONDITION_FAILED',
          message:
            r.reason === 'no-node' ? `Node ${input.node} not found` : `${input.node} has no snapshot yet`,
        });
      }
      return { slug: r.slug };
    }),
  update: responderProcedure
    .input(
      z.object({
        slug,
        change: z.discriminatedUnion('field', [
          z.object({ field: z.literal('status'), value: status }),
          z.object({ field: z.literal('severity'), value: severity }),
          z.object({ field: z.literal('owner'), value: shortText }),
          z.object({ field: z.literal('title'), value: shortText }),
          z.object({ field: z.literal('summary'), value: longText }),
          z.object({ field: z.literal('remediation'), value: longText }),
        ]),
      }),
    )
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      found(await updateIncident(ctx.prisma, ctx.actor, input.slug, input.change), `Incident ${input.slug}`);
      return { ok: true as const };
    }),
  note: responderProcedure
    .input(z.object({ slug, text: z.string().trim().min(1).max(5000), key: z.boolean().default(false) }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      found(
        await addNote(ctx.prisma, ctx.actor, input.slug, { text: input.text, key: input.key }),
        `Incident ${input.slug}`,
      );
      return { ok: true as const };
    }),
  markKey: responderProcedure
    .input(z.object({ slug, eventId: idString, key: z.boolean() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      found(await markKeyEvent(ctx.prisma, input.slug, BigInt(input.eventId), input.key), 'Event');
      return { ok: true as const };
    }),
  addNode: responderProcedure
    .input(z.object({ slug, node: nodeName }))
    .output(z.object({ result: z.enum(['added', 'already']) }))
    .mutation(async ({ ctx, input }) => {
      const r = await addAffectedNode(ctx.prisma, ctx.actor, input.slug, input.node);
      if (r === 'no-incident' || r === 'no-node') {
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: r === 'no-node' ? `Node ${input.node} not found` : `Incident ${input.slug} not found`,
        });
      }
      return { result: r };
    }),
  answer: responderProcedure
    .input(
      z.object({
        slug,
        playbook: z.string().min(1).max(64),
        stepId: z.string().min(1).max(64),
        verdict: verdict.optional(),
        note: z.string().max(5000).optional(),
      }),
    )
    .output(z.object({ overridden: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const r = await answerStep(ctx.prisma, ctx.actor, {
        slug: input.slug,
        playbook: input.playbook,
        stepId: input.stepId,
        ...(input.verdict ? { verdict: input.verdict } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      });
      if (!r.ok) {
        if (r.reason === 'note-required') {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: 'Overriding the suggested verdict needs a note saying why.',
          });
        }
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: r.reason === 'no-step' ? 'No such step' : `Incident ${input.slug} not found`,
        });
      }
      return { overridden: r.overridden };
    }),
  attach: responderProcedure
    .input(z.object({ slug, snapshotId: idString }))
    .output(z.object({ snapshotId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const r = await attachSnapshot(ctx.prisma, ctx.actor, input.slug, BigInt(input.snapshotId));
      if (!r.ok) {
        const msg = {
          'no-incident': `Incident ${input.slug} not found`,
          'no-snapshot': `Snapshot ${input.snapshotId} not found`,
          'already-pinned': `Snapshot ${input.snapshotId} is already pinned`,
          'other-node': `Snapshot ${input.snapshotId} is of a node this incident does not name`,
        }[r.reason];
        throw new TRPCError({
          code: r.reason === 'already-pinned' || r.reason === 'other-node' ? 'CONFLICT' : 'NOT_FOUND',
          message: msg,
        });
      }
      return { snapshotId: r.snapshotId };
    }),
  verify: responderProcedure
    .input(z.object({ slug }))
    .output(z.object({ accepted: z.boolean(), message: z.string() }))
    .mutation(async ({ ctx, input }) =>
      found(await requestVerification(ctx.prisma, ctx.actor, input.slug), `Incident ${input.slug}`),
    ),
  checkVerification: responderProcedure
    .input(z.object({ slug }))
    .output(z.object({ snapshotId: z.string().nullable() }))
    .mutation(async ({ ctx, input }) => ({
      snapshotId: await completeVerification(ctx.prisma, ctx.actor, input.slug),
    })),
  shareLinks: responderProcedure
    .input(z.object({ slug }))
    .output(z.array(shareLinkRow))
    .query(({ ctx, input }) => listShareLinks(ctx.prisma, input.slug)),
  shareCreate: responderProcedure
    .input(
      z.object({
        slug,
        days: z.number().min(0.04).max(SHARE_MAX_DAYS),
        label: z.string().max(120).optional(),
      }),
    )
    .output(z.object({ id: z.number(), token: z.string(), expiresAt: isoDate }))
    .mutation(async ({ ctx, input }) =>
      found(
        await createShareLink(ctx.prisma, ctx.actor, {
          slug: input.slug,
          days: input.days,
          ...(input.label ? { label: input.label } : {}),
        }),
        `Incident ${input.slug}`,
      ),
    ),
  shareRevoke: responderProcedure
    .input(z.object({ slug, id: z.number().int().positive().max(2_147_483_647) }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      found(await revokeShareLink(ctx.prisma, ctx.actor, input.slug, input.id), 'Share link');
      return { ok: true as const };
    }),
  /** The one procedure open without sign-in (DESIGN.md, Access): the token is the credential. */
  shared: publicProcedure
    .input(z.object({ token: z.string().min(10).max(200) }))
    .output(z.object({ incident: incidentViewOutput, expiresAt: isoDate }))
    .query(async ({ ctx, input }) => {
      const r = await incidentByShareToken(ctx.prisma, input.token);
      if (!r)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: 'This share link is invalid, expired or revoked.',
        });
      return r;
    }),
});
