import type { Prisma } from '@nodescope/db';
import type { Actor } from '../actor.ts';

export const EVENT_KINDS = [
  'opened',
  'step-answered',
  'verdict-overridden',
  'note',
  'snapshot-attached',
  'status-changed',
  'severity-changed',
  'owner-changed',
  'node-added',
  'summary-changed',
  'remediation-changed',
  'verify-requested',
  'share-created',
  'share-revoked',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventInput {
  kind: EventKind;
  text: string;
  /** When it happened on the node: the time of the snapshot the act refers to. */
  nodeTime?: Date | null;
  snapshotId?: bigint | null;
  stepId?: string | null;
  data?: Prisma.InputJsonValue;
  key?: boolean;
}

type Tx = Pick<Prisma.TransactionClient, 'incidentEvent'>;

/** Appends one act to an incident's timeline, with who did it. */
export async function recordEvent(tx: Tx, incidentId: number, actor: Actor, e: EventInput): Promise<void> {
  await tx.incidentEvent.create({
    data: {
      incidentId,
      kind: e.kind,
      text: e.text,
      nodeTime: e.nodeTime ?? null,
      snapshotId: e.snapshotId ?? null,
      stepId: e.stepId ?? null,
      data: e.data ?? {},
      key: e.key ?? false,
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
    },
  });
}
