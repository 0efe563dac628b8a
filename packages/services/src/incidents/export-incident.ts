import type { PrismaClient } from '@nodescope/db';
import { getIncident } from './get-incident.ts';
import { incidentMarkdown } from './incident-markdown.ts';

/** The incident as postmortem Markdown; null for an unknown slug. */
export async function exportIncidentMarkdown(
  prisma: PrismaClient,
  slug: string,
  opts: { redact?: boolean; origin?: string } = {},
): Promise<{ slug: string; markdown: string } | null> {
  const inc = await getIncident(prisma, slug);
  if (!inc) return null;
  let hostNames: string[] = [];
  if (opts.redact) {
    const names = [inc.nodeName, ...inc.nodes.map((n) => n.name)];
    const nodes = await prisma.node.findMany({ where: { name: { in: names } }, select: { host: true } });
    hostNames = nodes.map((n) => n.host);
  }
  return {
    slug,
    // A redacted export links relatively: the dashboard's own address is not the reader's business.
    markdown: incidentMarkdown(inc, {
      redact: !!opts.redact,
      hostNames,
      origin: opts.redact ? '' : (opts.origin ?? ''),
    }),
  };
}
