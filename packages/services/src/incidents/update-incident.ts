import type { PrismaClient } from '@nodescope/db';
import type { Actor } from '../actor.ts';
import { recordEvent } from './record-event.ts';

export type IncidentChange =
  | { field: 'status'; value: 'investigating' | 'mitigated' | 'resolved' }
  | { field: 'severity'; value: 'critical' | 'warning' | 'info' }
  | { field: 'owner'; value: string }
  | { field: 'summary'; value: string }
  | { field: 'remediation'; value: string }
  | { field: 'title'; value: string };

/**
 * One change of an incident's fields, recorded in the timeline. Status changes are key
 * events (they bound the impact window in the postmortem). Returns false for an unknown slug.
 */
export async function updateIncident(
  prisma: PrismaClient,
  actor: Actor,
  slug: string,
  change: IncidentChange,
): Promise<boolean> {
  const inc = await prisma.incident.findUnique({ where: { slug } });
  if (!inc) return false;
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    switch (change.field) {
      case 'status': {
        if (inc.status === change.value) return;
        await tx.incident.update({
          where: { id: inc.id },
          data: {
            status: change.value,
            ...(change.value === 'mitigated' && !inc.mitigatedAt ? { mitigatedAt: now } : {}),
            ...(change.value === 'resolved' ? { resolvedAt: now } : { resolvedAt: null }),
          },
        });
        await recordEvent(tx, inc.id, actor, {
          kind: 'status-changed',
          text: `Status ${inc.status} -> ${change.value}`,
          key: true,
          data: { from: inc.status, to: change.value },
        });
        return;
      }
      case 'severity': {
        if (inc.severity === change.value) return;
        await tx.incident.update({ where: { id: inc.id }, data: { severity: change.value } });
        await recordEvent(tx, inc.id, actor, {
          kind: 'severity-changed',
          text: `Severity ${inc.severity} -> ${change.value}`,
          data: { from: inc.severity, to: change.value },
        });
        return;
      }
      case 'owner': {
        const owner = change.value.trim() || null;
        if (inc.owner === owner) return;
        await tx.incident.update({ where: { id: inc.id }, data: { owner } });
        await recordEvent(tx, inc.id, actor, {
          kind: 'owner-changed',
          text: owner ? `Owner set to ${owner}` : 'Owner cleared',
        });
        return;
      }
      case 'title': {
        const title = change.value.trim();
        if (!title || title === inc.title) return;
        await tx.incident.update({ where: { id: inc.id }, data: { title } });
        await recordEvent(tx, inc.id, actor, { kind: 'summary-changed', text: `Title set to "${title}"` });
        return;
      }
      case 'summary':
      case 'remediation': {
        if (inc[change.field] === change.value) return;
        await tx.incident.update({ where: { id: inc.id }, data: { [change.field]: change.value } });
        await recordEvent(tx, inc.id, actor, {
          kind: change.field === 'summary' ? 'summary-changed' : 'remediation-changed',
          text: change.field === 'summary' ? 'Summary edited' : 'Remediation done edited',
        });
        return;
      }
    }
  });
  return true;
}

/** A note in the timeline; `key` marks it for the postmortem right away. */
export async function addNote(
  prisma: PrismaClient,
  actor: Actor,
  slug: string,
  note: { text: string; key?: boolean; nodeTime?: Date | null },
): Promise<boolean> {
  const inc = await prisma.incident.findUnique({ where: { slug }, select: { id: true } });
  if (!inc) return false;
  await recordEvent(prisma, inc.id, actor, {
    kind: 'note',
    text: note.text,
    key: note.key ?? false,
    nodeTime: note.nodeTime ?? null,
  });
  return true;
}

/** Marks (or unmarks) a timeline event as a key event for the postmortem. */
export async function markKeyEvent(
  prisma: PrismaClient,
  slug: string,
  eventId: bigint,
  key: boolean,
): Promise<boolean> {
  const { count } = await prisma.incidentEvent.updateMany({
    where: { id: eventId, incident: { slug } },
    data: { key },
  });
  return count > 0;
}

/** Adds an affected node (by name; it must be in the inventory). */
export async function addAffectedNode(
  prisma: PrismaClient,
  actor: Actor,
  slug: string,
  nodeName: string,
): Promise<'added' | 'already' | 'no-incident' | 'no-node'> {
  const inc = await prisma.incident.findUnique({ where: { slug }, select: { id: true } });
  if (!inc) return 'no-incident';
  const node = await prisma.node.findUnique({ where: { name: nodeName }, select: { name: true } });
  if (!node) return 'no-node';
  const had = await prisma.incidentNode.findUnique({
    where: { incidentId_nodeName: { incidentId: inc.id, nodeName } },
  });
  if (had) return 'already';
  await prisma.$transaction(async (tx) => {
    await tx.incidentNode.create({ data: { incidentId: inc.id, nodeName, addedBy: actor.name } });
    await recordEvent(tx, inc.id, actor, { kind: 'node-added', text: `${nodeName} marked as affected` });
  });
  return 'added';
}
