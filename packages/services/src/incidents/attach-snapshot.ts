import { type PrismaClient, requestCollection } from '@nodescope/db';
import type { Actor } from '../actor.ts';
import { preparePin, storePin } from './pin-snapshot.ts';
import { recordEvent } from './record-event.ts';

export type AttachResult =
  | { ok: true; snapshotId: string }
  | { ok: false; reason: 'no-incident' | 'no-snapshot' | 'already-pinned' | 'other-node' };

/**
 * Pins another snapshot to an incident: an explicit act in the timeline. The opened pin
 * (and the wizard's evidence) never changes; the new pin sits beside it.
 */
export async function attachSnapshot(
  prisma: PrismaClient,
  actor: Actor,
  slug: string,
  snapshotId: bigint,
  role: 'attached' | 'verify' = 'attached',
): Promise<AttachResult> {
  const inc = await prisma.incident.findUnique({
    where: { slug },
    include: { nodes: { select: { nodeName: true } }, snapshots: { select: { snapshotId: true } } },
  });
  if (!inc) return { ok: false, reason: 'no-incident' };
  if (inc.snapshots.some((s) => s.snapshotId === snapshotId)) return { ok: false, reason: 'already-pinned' };
  const pin = await preparePin(prisma, snapshotId);
  if (!pin) return { ok: false, reason: 'no-snapshot' };
  if (!inc.nodes.some((n) => n.nodeName === pin.snap.nodeName)) return { ok: false, reason: 'other-node' };
  try {
    await prisma.$transaction(async (tx) => {
      await storePin(tx, inc.id, pin, role, actor);
      await recordEvent(tx, inc.id, actor, {
        kind: 'snapshot-attached',
        text: `${role === 'verify' ? 'Verification snapshot' : 'Snapshot'} ${pin.snap.id} of ${pin.snap.nodeName} attached (${pin.snap.findings.length} findings)`,
        nodeTime: pin.snap.takenAt,
        snapshotId: pin.snap.id,
        key: role === 'verify',
        data: { contentHash: pin.snap.contentHash, role },
      });
    });
  } catch (e) {
    // Two polls of "verify the fix" racing to pin the same snapshot: the first one won.
    if ((e as { code?: string }).code === 'P2002') return { ok: false, reason: 'already-pinned' };
    throw e;
  }
  return { ok: true, snapshotId: String(pin.snap.id) };
}

export interface VerifyRequest {
  accepted: boolean;
  message: string;
}

/** "Verify the fix": asks the worker for a new snapshot of the incident's node now. */
export async function requestVerification(
  prisma: PrismaClient,
  actor: Actor,
  slug: string,
): Promise<VerifyRequest | null> {
  const inc = await prisma.incident.findUnique({ where: { slug }, select: { id: true, nodeName: true } });
  if (!inc) return null;
  const req = await requestCollection(prisma, inc.nodeName);
  if (req.accepted) {
    await recordEvent(prisma, inc.id, actor, {
      kind: 'verify-requested',
      text: `Verification snapshot of ${inc.nodeName} requested`,
      data: { requestedAt: req.requestedAt?.toISOString() ?? null },
    });
  }
  return { accepted: req.accepted, message: req.message };
}

/**
 * Pins the snapshot a verification asked for once it has arrived (the node's first snapshot
 * taken after the request). Idempotent: polling it is safe. Returns the pinned id or null.
 */
export async function completeVerification(
  prisma: PrismaClient,
  actor: Actor,
  slug: string,
): Promise<string | null> {
  const inc = await prisma.incident.findUnique({
    where: { slug },
    include: {
      events: { where: { kind: 'verify-requested' }, orderBy: { at: 'desc' }, take: 1 },
      snapshots: { where: { role: 'verify' }, orderBy: { pinnedAt: 'desc' }, take: 1 },
    },
  });
  const ask = inc?.events[0];
  if (!inc || !ask) return null;
  const done = inc.snapshots[0];
  if (done && done.pinnedAt >= ask.at) return String(done.snapshotId);
  const snap = await prisma.snapshot.findFirst({
    where: { node: { name: inc.nodeName }, createdAt: { gte: ask.at } },
    orderBy: { takenAt: 'asc' },
    select: { id: true },
  });
  if (!snap) return null;
  const r = await attachSnapshot(prisma, actor, slug, snap.id, 'verify');
  return r.ok || r.reason === 'already-pinned' ? String(snap.id) : null;
}
