import type { PrismaClient } from '@nodescope/db';
import { type BeforeAfterRow, beforeAfter, metricsThatMattered } from './before-after.ts';
import type { TriageReport } from './triage-report.ts';

export interface PinnedSnapshotView {
  snapshotId: string;
  nodeName: string;
  takenAt: Date;
  contentHash: string;
  role: string;
  pinnedBy: string;
  pinnedAt: Date;
  findings: { rule: string; severity: string; title: string }[];
  metrics: Record<string, number>;
  triage: TriageReport;
}

export interface IncidentView {
  slug: string;
  title: string;
  status: string;
  severity: string;
  owner: string | null;
  summary: string;
  remediation: string;
  openedFrom: string;
  rule: string | null;
  nodeName: string;
  openedBy: string;
  createdAt: Date;
  updatedAt: Date;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  /** First and last node-side time the incident's snapshots and events cover. */
  impact: { from: Date; to: Date };
  nodes: { name: string; addedBy: string; addedAt: Date }[];
  pins: PinnedSnapshotView[];
  steps: {
    playbook: string;
    stepId: string;
    suggested: string;
    verdict: string;
    overridden: boolean;
    note: string;
    answeredBy: string;
    answeredAt: Date;
  }[];
  events: {
    id: string;
    kind: string;
    text: string;
    nodeTime: Date | null;
    snapshotId: string | null;
    stepId: string | null;
    key: boolean;
    actorKind: string;
    actorName: string;
    at: Date;
  }[];
  /** The opened snapshot against the latest verification snapshot, once there is one. */
  verify: { snapshotId: string; takenAt: Date; rows: BeforeAfterRow[] } | null;
  /** The node's newest snapshot when it is newer than every pin: it can be attached. */
  newerSnapshot: { id: string; takenAt: Date } | null;
  /** A "verify the fix" collection was requested and its snapshot has not arrived yet. */
  verifyPending: boolean;
}

/** One incident with everything its page and its export show; null for an unknown slug. */
export async function getIncident(prisma: PrismaClient, slug: string): Promise<IncidentView | null> {
  const inc = await prisma.incident.findUnique({
    where: { slug },
    include: {
      nodes: { orderBy: { addedAt: 'asc' } },
      snapshots: { orderBy: [{ takenAt: 'asc' }, { id: 'asc' }] },
      steps: { orderBy: { answeredAt: 'asc' } },
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!inc) return null;
  const pins: PinnedSnapshotView[] = inc.snapshots.map((p) => ({
    snapshotId: String(p.snapshotId),
    nodeName: p.nodeName,
    takenAt: p.takenAt,
    contentHash: p.contentHash,
    role: p.role,
    pinnedBy: p.pinnedBy,
    pinnedAt: p.pinnedAt,
    findings: p.findings as PinnedSnapshotView['findings'],
    metrics: p.metrics as Record<string, number>,
    triage: p.triage as unknown as TriageReport,
  }));
  const opened = pins.find((p) => p.role === 'opened') ?? pins[0];
  const lastVerify = [...pins].reverse().find((p) => p.role === 'verify');
  const verify =
    opened && lastVerify
      ? {
          snapshotId: lastVerify.snapshotId,
          takenAt: lastVerify.takenAt,
          rows: beforeAfter(
            metricsThatMattered(opened.triage, opened.metrics),
            opened.metrics,
            lastVerify.metrics,
          ),
        }
      : null;
  const node = await prisma.node.findUnique({
    where: { name: inc.nodeName },
    select: { lastSnapshotId: true, lastSnapshotAt: true },
  });
  const newestPin = pins.reduce<Date | null>((m, p) => (!m || p.takenAt > m ? p.takenAt : m), null);
  const newerSnapshot =
    node?.lastSnapshotId && node.lastSnapshotAt && (!newestPin || node.lastSnapshotAt > newestPin)
      ? { id: String(node.lastSnapshotId), takenAt: node.lastSnapshotAt }
      : null;
  const lastVerifyAsk = [...inc.events].reverse().find((e) => e.kind === 'verify-requested');
  const verifyPending = !!lastVerifyAsk && (!lastVerify || lastVerify.pinnedAt < lastVerifyAsk.at);
  const times = [
    ...pins.map((p) => p.takenAt.getTime()),
    ...inc.events.flatMap((e) => (e.nodeTime ? [e.nodeTime.getTime()] : [])),
  ];
  const from = new Date(times.length ? Math.min(...times) : inc.createdAt.getTime());
  const to = new Date(times.length ? Math.max(...times) : inc.createdAt.getTime());
  return {
    slug: inc.slug,
    title: inc.title,
    status: inc.status,
    severity: inc.severity,
    owner: inc.owner,
    summary: inc.summary,
    remediation: inc.remediation,
    openedFrom: inc.openedFrom,
    rule: inc.rule,
    nodeName: inc.nodeName,
    openedBy: inc.openedBy,
    createdAt: inc.createdAt,
    updatedAt: inc.updatedAt,
    mitigatedAt: inc.mitigatedAt,
    resolvedAt: inc.resolvedAt,
    impact: { from, to: inc.resolvedAt && inc.resolvedAt > to ? inc.resolvedAt : to },
    nodes: inc.nodes.map((n) => ({ name: n.nodeName, addedBy: n.addedBy, addedAt: n.addedAt })),
    pins,
    steps: inc.steps.map((s) => ({
      playbook: s.playbook,
      stepId: s.stepId,
      suggested: s.suggested,
      verdict: s.verdict,
      overridden: s.overridden,
      note: s.note,
      answeredBy: s.answeredBy,
      answeredAt: s.answeredAt,
    })),
    events: inc.events.map((e) => ({
      id: String(e.id),
      kind: e.kind,
      text: e.text,
      nodeTime: e.nodeTime,
      snapshotId: e.snapshotId === null ? null : String(e.snapshotId),
      stepId: e.stepId,
      key: e.key,
      actorKind: e.actorKind,
      actorName: e.actorName,
      at: e.at,
    })),
    verify,
    newerSnapshot,
    verifyPending,
  };
}
