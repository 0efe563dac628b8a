import { parseSystem } from '@nodescope/core';
import type { PrismaClient } from '../../client.ts';
import { artifactText } from './artifact-text.ts';

export interface EvidenceLine {
  probe: string;
  line: number;
  text: string;
}

export interface NodeFinding {
  id: string;
  rule: string;
  severity: string;
  title: string;
  summary: string;
  evidence: EvidenceLine[];
  evidenceTotal: number;
  metrics: Record<string, number>;
  details: Record<string, unknown> | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  snapshotId: string;
}

export interface NodeDetail {
  name: string;
  host: string;
  port: number;
  cluster: string;
  pool: string;
  labels: Record<string, string>;
  enabled: boolean;
  intervalSec: number;
  health: string | null;
  lastState: string | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextDueAt: Date | null;
  kernelRelease: string | null;
  kubeletVersion: string | null;
  runtime: string | null;
  os: string | null;
  metrics: Record<string, number>;
  lastSnapshot: {
    id: string;
    takenAt: Date;
    status: string;
    durationMs: number;
    source: string;
    probeErrors: Record<string, string>;
  } | null;
  findings: NodeFinding[];
  recentSnapshots: {
    id: string;
    takenAt: Date;
    status: string;
    source: string;
    findings: number;
    worst: string | null;
  }[];
}

const SEV_RANK: Record<string, number> = { critical: 3, warning: 2, info: 1 };

/** Header, latest findings with their evidence, and recent snapshots of one node; null if unknown. */
export async function nodeDetail(prisma: PrismaClient, name: string): Promise<NodeDetail | null> {
  const n = await prisma.node.findUnique({ where: { name } });
  if (!n) return null;
  const snapId = n.lastSnapshotId;
  const [snap, findings, recent, system] = await Promise.all([
    snapId ? prisma.snapshot.findUnique({ where: { id: snapId } }) : null,
    snapId ? prisma.finding.findMany({ where: { snapshotId: snapId } }) : [],
    prisma.$queryRaw<
      { id: string; taken_at: Date; status: string; source: string; findings: number; worst: string | null }[]
    >`
      SELECT s.id::text AS id, s.taken_at, s.status::text AS status, s.source,
             count(f.id)::int AS findings,
             (array_agg(f.severity::text ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END))[1] AS worst
      FROM snapshot s LEFT JOIN finding f ON f.snapshot_id = s.id
      WHERE s.node_id = ${n.id}
      GROUP BY s.id ORDER BY s.taken_at DESC LIMIT 30`,
    snapId ? artifactText(prisma, snapId, 'system') : null,
  ]);
  // Runtime and OS are not columns: read them from the latest `system` artifact (a few hundred bytes).
  const sys = system?.text ? parseSystem(system.text).value : undefined;
  const runtime = sys?.runtimeName
    ? `${sys.runtimeName}${sys.runtimeVersion ? ` ${sys.runtimeVersion}` : ''}`
    : null;
  return {
    name: n.name,
    host: n.host,
    port: n.port,
    cluster: n.cluster,
    pool: n.pool,
    labels: (n.labels ?? {}) as Record<string, string>,
    enabled: n.enabled,
    intervalSec: n.intervalSec,
    health: n.health,
    lastState: n.lastState,
    lastError: n.lastError,
    lastAttemptAt: n.lastAttemptAt,
    nextDueAt: n.nextDueAt,
    kernelRelease: n.kernelRelease,
    kubeletVersion: n.kubeletVersion ?? sys?.kubeletVersion ?? null,
    runtime,
    os: sys?.osPrettyName ?? null,
    metrics: (n.latestMetrics ?? {}) as Record<string, number>,
    lastSnapshot: snap
      ? {
          id: String(snap.id),
          takenAt: snap.takenAt,
          status: snap.status,
          durationMs: snap.durationMs,
          source: snap.source,
          probeErrors: (snap.probeErrors ?? {}) as Record<string, string>,
        }
      : null,
    findings: findings
      .map((f) => ({
        id: String(f.id),
        rule: f.rule,
        severity: f.severity,
        title: f.title,
        summary: f.summary,
        evidence: (Array.isArray(f.evidence) ? f.evidence : []) as unknown as EvidenceLine[],
        evidenceTotal: f.evidenceTotal,
        metrics: (f.metrics ?? {}) as Record<string, number>,
        details: (f.details ?? null) as Record<string, unknown> | null,
        firstSeenAt: f.firstSeenAt,
        lastSeenAt: f.lastSeenAt,
        snapshotId: String(f.snapshotId),
      }))
      .sort(
        (a, b) =>
          (SEV_RANK[b.severity] ?? 0) - (SEV_RANK[a.severity] ?? 0) ||
          a.firstSeenAt.getTime() - b.firstSeenAt.getTime(),
      ),
    recentSnapshots: recent.map((r) => ({
      id: r.id,
      takenAt: r.taken_at,
      status: r.status,
      source: r.source,
      findings: Number(r.findings),
      worst: r.worst,
    })),
  };
}
