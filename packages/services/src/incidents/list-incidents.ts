import type { Prisma, PrismaClient } from '@nodescope/db';

export interface IncidentFilter {
  status?: ('investigating' | 'mitigated' | 'resolved')[];
  severity?: ('critical' | 'warning' | 'info')[];
  /** Affected node name (exact). */
  node?: string;
  /** A rule that was firing on a pinned snapshot, or the one it was opened on. */
  rule?: string;
  /** Opened at or after / before (inclusive day bounds are the caller's business). */
  from?: Date;
  to?: Date;
  limit?: number;
}

export interface IncidentListRow {
  slug: string;
  title: string;
  status: string;
  severity: string;
  owner: string | null;
  nodeName: string;
  nodes: string[];
  rule: string | null;
  rootCause: string | null;
  createdAt: Date;
  updatedAt: Date;
  events: number;
}

/** Incidents newest first, filtered; the list page's one query. */
export async function listIncidents(
  prisma: PrismaClient,
  f: IncidentFilter = {},
): Promise<IncidentListRow[]> {
  const where: Prisma.IncidentWhereInput = {};
  const and: Prisma.IncidentWhereInput[] = [];
  if (f.status?.length) where.status = { in: f.status };
  if (f.severity?.length) where.severity = { in: f.severity };
  if (f.node) and.push({ OR: [{ nodeName: f.node }, { nodes: { some: { nodeName: f.node } } }] });
  if (f.rule) {
    and.push({
      OR: [{ rule: f.rule }, { snapshots: { some: { findings: { array_contains: [{ rule: f.rule }] } } } }],
    });
  }
  if (f.from || f.to)
    where.createdAt = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
  if (and.length) where.AND = and;
  const rows = await prisma.incident.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(f.limit ?? 200, 500),
    include: {
      nodes: { select: { nodeName: true }, orderBy: { addedAt: 'asc' } },
      snapshots: { where: { role: 'opened' }, select: { triage: true }, take: 1 },
      _count: { select: { events: true } },
    },
  });
  return rows.map((r) => {
    const triage = r.snapshots[0]?.triage as { rootCause?: { title?: string } | null } | undefined;
    return {
      slug: r.slug,
      title: r.title,
      status: r.status,
      severity: r.severity,
      owner: r.owner,
      nodeName: r.nodeName,
      nodes: r.nodes.map((n) => n.nodeName),
      rule: r.rule,
      rootCause: triage?.rootCause?.title ?? null,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      events: r._count.events,
    };
  });
}
