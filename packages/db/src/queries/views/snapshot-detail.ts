import type { PrismaClient } from '../../client.ts';

export interface SnapshotProbe {
  probe: string;
  exitCode: number | null;
  durationMs: number;
  byteSize: number;
  lineCount: number;
  truncated: boolean;
  timedOut: boolean;
  error: string | null;
  pruned: boolean;
}

export interface SnapshotDetail {
  id: string;
  node: { name: string; cluster: string; pool: string };
  takenAt: Date;
  status: string;
  durationMs: number;
  source: string;
  error: string | null;
  probeErrors: Record<string, string>;
  warnings: { probe?: string; line?: number; message: string }[];
  probes: SnapshotProbe[];
  findings: {
    rule: string;
    severity: string;
    title: string;
    evidence: { probe: string; line: number; text: string }[];
  }[];
  /** Neighbouring snapshots of the same node, for stepping through time. */
  previousId: string | null;
  nextId: string | null;
}

/** One snapshot: probe table, findings with their evidence lines, and its neighbours. */
export async function snapshotDetail(prisma: PrismaClient, id: bigint): Promise<SnapshotDetail | null> {
  const s = await prisma.snapshot.findUnique({
    where: { id },
    include: {
      node: { select: { name: true, cluster: true, pool: true } },
      artifacts: {
        select: {
          probe: true,
          exitCode: true,
          durationMs: true,
          byteSize: true,
          lineCount: true,
          truncated: true,
          timedOut: true,
          error: true,
          prunedAt: true,
        },
        orderBy: { probe: 'asc' },
      },
      findings: { select: { rule: true, severity: true, title: true, evidence: true } },
    },
  });
  if (!s) return null;
  const [prev, next] = await Promise.all([
    prisma.snapshot.findFirst({
      where: { nodeId: s.nodeId, takenAt: { lt: s.takenAt } },
      orderBy: { takenAt: 'desc' },
      select: { id: true },
    }),
    prisma.snapshot.findFirst({
      where: { nodeId: s.nodeId, takenAt: { gt: s.takenAt } },
      orderBy: { takenAt: 'asc' },
      select: { id: true },
    }),
  ]);
  return {
    id: String(s.id),
    node: s.node,
    takenAt: s.takenAt,
    status: s.status,
    durationMs: s.durationMs,
    source: s.source,
    error: s.error,
    probeErrors: (s.probeErrors ?? {}) as Record<string, string>,
    warnings: (Array.isArray(s.warnings) ? s.warnings : []) as SnapshotDetail['warnings'],
    probes: s.artifacts.map((a) => ({
      probe: a.probe,
      exitCode: a.exitCode,
      durationMs: a.durationMs,
      byteSize: a.byteSize,
      lineCount: a.lineCount,
      truncated: a.truncated,
      timedOut: a.timedOut,
      error: a.error,
      pruned: a.prunedAt !== null,
    })),
    findings: s.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      evidence: (Array.isArray(f.evidence)
        ? f.evidence
        : []) as SnapshotDetail['findings'][number]['evidence'],
    })),
    previousId: prev ? String(prev.id) : null,
    nextId: next ? String(next.id) : null,
  };
}
