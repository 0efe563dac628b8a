import { createHash } from 'node:crypto';
import type { Finding, RuleId, Severity } from '@nodescope/core';
import type { PrismaClient } from '@nodescope/db';

export interface LoadedSnapshot {
  id: bigint;
  nodeName: string;
  takenAt: Date;
  status: string;
  probes: string[];
  probeErrors: Record<string, string>;
  findings: Finding[];
  metrics: Record<string, number>;
  /** sha256 over the stored probe outputs and findings: what "this snapshot" means when pinned. */
  contentHash: string;
}

/** One stored snapshot as triage reads it, with its content hash; null when it does not exist. */
export async function loadSnapshot(prisma: PrismaClient, id: bigint): Promise<LoadedSnapshot | null> {
  const s = await prisma.snapshot.findUnique({
    where: { id },
    include: {
      node: { select: { name: true } },
      artifacts: { select: { probe: true, exitCode: true, truncated: true, timedOut: true, content: true } },
      findings: true,
      metrics: { select: { name: true, value: true } },
    },
  });
  if (!s) return null;
  const hash = createHash('sha256');
  // The stored (compressed) bytes are immutable: hashing them needs no decompression.
  for (const a of [...s.artifacts].sort((x, y) => x.probe.localeCompare(y.probe))) {
    const body = a.content ? createHash('sha256').update(a.content).digest('hex') : 'pruned';
    hash.update(`${a.probe}\0${a.exitCode ?? ''}\0${a.truncated}\0${a.timedOut}\0${body}\0`);
  }
  const findings: Finding[] = s.findings
    .map((f) => {
      const out: Finding = {
        rule: f.rule as RuleId,
        severity: f.severity as Severity,
        title: f.title,
        summary: f.summary,
        evidence: f.evidence as unknown as Finding['evidence'],
        evidenceTotal: f.evidenceTotal,
        metrics: f.metrics as Record<string, number>,
      };
      if (f.details) out.details = f.details as Record<string, unknown>;
      return out;
    })
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.title.localeCompare(b.title));
  for (const f of findings) hash.update(`${f.rule}\0${f.severity}\0${f.title}\0${f.summary}\0`);
  const metrics: Record<string, number> = {};
  for (const m of s.metrics) metrics[m.name] = m.value;
  return {
    id: s.id,
    nodeName: s.node.name,
    takenAt: s.takenAt,
    status: String(s.status),
    probes: s.artifacts.map((a) => a.probe),
    probeErrors: (s.probeErrors ?? {}) as Record<string, string>,
    findings,
    metrics,
    contentHash: hash.digest('hex'),
  };
}
