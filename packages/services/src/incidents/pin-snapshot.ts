import type { Prisma, PrismaClient } from '@nodescope/db';
import type { Actor } from '../actor.ts';
import { type LoadedSnapshot, loadSnapshot } from './load-snapshot.ts';
import { triageSnapshot } from './snapshot-triage.ts';
import type { TriageReport } from './triage-report.ts';

export type PinRole = 'opened' | 'attached' | 'verify';

export interface PreparedPin {
  snap: LoadedSnapshot;
  triage: TriageReport;
}

/** Loads a snapshot and runs its triage outside any transaction (it can take a while on a big node). */
export async function preparePin(prisma: PrismaClient, snapshotId: bigint): Promise<PreparedPin | null> {
  const snap = await loadSnapshot(prisma, snapshotId);
  if (!snap) return null;
  return { snap, triage: triageSnapshot(snap) };
}

/** Stores the pin: id, content hash and the frozen triage and numbers. */
export async function storePin(
  tx: Pick<Prisma.TransactionClient, 'incidentSnapshot'>,
  incidentId: number,
  pin: PreparedPin,
  role: PinRole,
  actor: Actor,
): Promise<void> {
  await tx.incidentSnapshot.create({
    data: {
      incidentId,
      snapshotId: pin.snap.id,
      nodeName: pin.snap.nodeName,
      takenAt: pin.snap.takenAt,
      contentHash: pin.snap.contentHash,
      role,
      triage: pin.triage as unknown as Prisma.InputJsonValue,
      metrics: pin.snap.metrics,
      findings: pin.snap.findings.map((f) => ({ rule: f.rule, severity: f.severity, title: f.title })),
      pinnedBy: actor.name,
    },
  });
}
