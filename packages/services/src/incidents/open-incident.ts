import type { PrismaClient } from '@nodescope/db';
import type { Actor } from '../actor.ts';
import { incidentSlug, slugCandidate } from './incident-slug.ts';
import { preparePin, storePin } from './pin-snapshot.ts';
import { recordEvent } from './record-event.ts';
import { mainRun } from './triage-report.ts';

export interface OpenIncidentInput {
  nodeName: string;
  from: 'node' | 'finding' | 'fleet';
  /** The finding's rule when opened from a finding card. */
  rule?: string;
  /** Defaults to the node's latest snapshot. */
  snapshotId?: bigint;
  title?: string;
}

export type OpenIncidentResult =
  | { ok: true; slug: string }
  | { ok: false; reason: 'no-node' | 'no-snapshot' };

const SEVERITIES = ['critical', 'warning', 'info'] as const;
type Sev = (typeof SEVERITIES)[number];

function worst(sevs: string[]): Sev {
  for (const s of SEVERITIES) if (sevs.includes(s)) return s;
  return 'info';
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'P2002';
}

/**
 * Opens an incident on a node's snapshot: pins it by id and content hash with its triage
 * frozen, records the node as affected and the act in the timeline. The slug reads as
 * date-node-symptom and gets a numeric suffix when taken.
 */
export async function openIncident(
  prisma: PrismaClient,
  actor: Actor,
  input: OpenIncidentInput,
): Promise<OpenIncidentResult> {
  const node = await prisma.node.findUnique({
    where: { name: input.nodeName },
    select: { id: true, name: true, lastSnapshotId: true },
  });
  if (!node) return { ok: false, reason: 'no-node' };
  const snapshotId = input.snapshotId ?? node.lastSnapshotId;
  if (snapshotId === null || snapshotId === undefined) return { ok: false, reason: 'no-snapshot' };
  const pin = await preparePin(prisma, snapshotId);
  if (!pin || pin.snap.nodeName !== node.name) return { ok: false, reason: 'no-snapshot' };

  const run = mainRun(pin.triage);
  const ruleFindings = input.rule ? pin.snap.findings.filter((f) => f.rule === input.rule) : [];
  const symptom =
    input.rule ??
    (run && run.playbook !== 'symptom-sweep' ? run.playbook : pin.snap.findings[0]?.rule) ??
    null;
  const title =
    input.title?.trim() ||
    (pin.triage.rootCause ? `${node.name}: ${pin.triage.rootCause.title}` : null) ||
    (ruleFindings[0] ? `${node.name}: ${ruleFindings[0].title}` : null) ||
    (pin.snap.findings[0] ? `${node.name}: ${pin.snap.findings[0].title}` : `${node.name}: triage`);
  const severity = worst((ruleFindings.length ? ruleFindings : pin.snap.findings).map((f) => f.severity));
  const base = incidentSlug(new Date(), node.name, symptom);

  for (let n = 1; n < 200; n++) {
    const slug = slugCandidate(base, n);
    try {
      await prisma.$transaction(async (tx) => {
        const inc = await tx.incident.create({
          data: {
            slug,
            title: title.slice(0, 200),
            severity,
            openedFrom: input.from,
            rule: input.rule ?? null,
            nodeName: node.name,
            openedById: actor.id,
            openedBy: actor.name,
            owner: actor.kind === 'user' ? actor.name : null,
          },
        });
        await storePin(tx, inc.id, pin, 'opened', actor);
        await tx.incidentNode.create({
          data: { incidentId: inc.id, nodeName: node.name, addedBy: actor.name },
        });
        await recordEvent(tx, inc.id, actor, {
          kind: 'opened',
          text: `Opened from the ${input.from === 'finding' ? `${input.rule ?? ''} finding` : `${input.from} view`} on snapshot ${pin.snap.id} of ${node.name}`,
          nodeTime: pin.snap.takenAt,
          snapshotId: pin.snap.id,
          key: true,
          data: { contentHash: pin.snap.contentHash, rootCause: pin.triage.rootCause?.id ?? null },
        });
      });
      return { ok: true, slug };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new Error(`no free incident slug after ${base}-199`);
}
