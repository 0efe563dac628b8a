import {
  type ConclusionId,
  type Finding,
  orderFindings,
  type PlaybookId,
  runTriage,
  triageInputFromStored,
} from '@nodescope/core';
import { type NodeDetail, nodeDetail, type PrismaClient } from '@nodescope/db';

export interface NodeRootCause {
  id: ConclusionId;
  title: string;
  playbook: PlaybookId | 'symptom-sweep';
  chain: string[];
  /** Rule of the finding that is the cause; the other findings in `consequences` follow from it. */
  causeRule: string | null;
  consequenceRules: string[];
}

export type NodeDetailWithRootCause = NodeDetail & { rootCause: NodeRootCause | null };

/**
 * The node page's data: the node detail, with the most probable root cause from the triage
 * playbooks run on the latest snapshot's stored findings and metrics (no re-analysis: they are
 * what the page shows), and the findings in a stable order, root cause first, then its consequences.
 */
export async function nodeDetailWithRootCause(
  prisma: PrismaClient,
  name: string,
): Promise<NodeDetailWithRootCause | null> {
  const d = await nodeDetail(prisma, name);
  if (!d) return null;
  if (!d.lastSnapshot || d.findings.length === 0) return { ...d, rootCause: null };
  const artifacts = await prisma.artifact.findMany({
    where: { snapshotId: BigInt(d.lastSnapshot.id) },
    select: { probe: true },
  });
  const findings = d.findings as unknown as Finding[];
  const report = runTriage(
    triageInputFromStored({
      findings,
      metrics: d.metrics,
      collectedProbes: artifacts.map((a) => a.probe),
      probeErrors: d.lastSnapshot.probeErrors,
      // fleet-outlier is stored when the pool had peers to compare with.
      peersCompared: d.findings.some((f) => f.rule === 'fleet-outlier') || undefined,
      nodeName: d.name,
      takenAt: d.lastSnapshot.takenAt.toISOString(),
    }),
  );
  const ordered = orderFindings(d.findings, report.rootCause);
  const rc = report.rootCause;
  return {
    ...d,
    findings: ordered.map((o) => o.finding),
    rootCause: rc
      ? {
          id: rc.id,
          title: rc.title,
          playbook: rc.playbook,
          chain: rc.chain,
          causeRule: ordered.find((o) => o.role === 'cause')?.finding.rule ?? null,
          consequenceRules: ordered.filter((o) => o.role === 'consequence').map((o) => o.finding.rule),
        }
      : null,
  };
}
