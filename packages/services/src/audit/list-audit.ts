import type { PrismaClient } from '@nodescope/db';

export interface AuditRow {
  id: string;
  at: Date;
  actorKind: string;
  actorName: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

/** Newest first, optionally one action prefix (`user.`, `hostkey.`…), paged by id. */
export async function listAudit(
  prisma: PrismaClient,
  q: { action?: string | undefined; before?: string | undefined; limit: number },
): Promise<{ rows: AuditRow[]; nextBefore: string | null }> {
  const rows = await prisma.auditEvent.findMany({
    where: {
      ...(q.action ? { action: { startsWith: q.action } } : {}),
      ...(q.before ? { id: { lt: BigInt(q.before) } } : {}),
    },
    orderBy: { id: 'desc' },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit).map((r) => ({
    id: String(r.id),
    at: r.at,
    actorKind: r.actorKind,
    actorName: r.actorName,
    action: r.action,
    target: r.target,
    details: (r.details ?? {}) as Record<string, unknown>,
  }));
  return { rows: page, nextBefore: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null };
}
