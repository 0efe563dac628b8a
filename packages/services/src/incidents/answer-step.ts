import type { PrismaClient } from '@nodescope/db';
import type { Actor } from '../actor.ts';
import { recordEvent } from './record-event.ts';
import type { TriageReport, Verdict } from './triage-report.ts';

export interface AnswerStepInput {
  slug: string;
  playbook: string;
  stepId: string;
  /** The engineer's verdict; omitted = accept the suggestion. */
  verdict?: Verdict;
  note?: string;
}

export type AnswerStepResult =
  | { ok: true; overridden: boolean }
  | { ok: false; reason: 'no-incident' | 'no-step' | 'note-required' };

/**
 * Saves the engineer's answer to one step of the opened snapshot's triage. A verdict that
 * differs from the suggested one is an override and needs a note; both go to the timeline
 * with the snapshot's time as the node-side time.
 */
export async function answerStep(
  prisma: PrismaClient,
  actor: Actor,
  input: AnswerStepInput,
): Promise<AnswerStepResult> {
  const inc = await prisma.incident.findUnique({
    where: { slug: input.slug },
    include: { snapshots: { where: { role: 'opened' }, take: 1 } },
  });
  if (!inc) return { ok: false, reason: 'no-incident' };
  const pin = inc.snapshots[0];
  const triage = pin?.triage as unknown as TriageReport | undefined;
  const step = triage?.runs
    .find((r) => r.playbook === input.playbook)
    ?.steps.find((s) => s.id === input.stepId);
  if (!pin || !step) return { ok: false, reason: 'no-step' };
  const verdict = input.verdict ?? step.verdict;
  const overridden = verdict !== step.verdict;
  const note = (input.note ?? '').trim();
  if (overridden && !note) return { ok: false, reason: 'note-required' };
  const prior = await prisma.incidentStep.findUnique({
    where: {
      incidentId_playbook_stepId: { incidentId: inc.id, playbook: input.playbook, stepId: input.stepId },
    },
  });
  if (prior && prior.verdict === verdict && prior.note === note) return { ok: true, overridden };
  await prisma.$transaction(async (tx) => {
    const data = {
      suggested: step.verdict,
      verdict,
      overridden,
      note,
      answeredBy: actor.name,
      answeredAt: new Date(),
    };
    await tx.incidentStep.upsert({
      where: {
        incidentId_playbook_stepId: { incidentId: inc.id, playbook: input.playbook, stepId: input.stepId },
      },
      create: { incidentId: inc.id, playbook: input.playbook, stepId: input.stepId, ...data },
      update: data,
    });
    await recordEvent(tx, inc.id, actor, {
      kind: overridden ? 'verdict-overridden' : 'step-answered',
      text: overridden
        ? `${step.title}: ${verdict} (suggested ${step.verdict}): ${note}`
        : `${step.title}: ${verdict}${note ? `: ${note}` : ''}`,
      nodeTime: pin.takenAt,
      snapshotId: pin.snapshotId,
      stepId: input.stepId,
      data: { playbook: input.playbook, suggested: step.verdict, verdict },
    });
  });
  return { ok: true, overridden };
}
