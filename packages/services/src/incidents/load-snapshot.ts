import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { ProbeId, RawArtifact } from '@nodescope/core';
import type { PrismaClient } from '@nodescope/db';

const gunzipAsync = promisify(gunzip);

export interface LoadedSnapshot {
  id: bigint;
  nodeName: string;
  takenAt: Date;
  status: string;
  artifacts: RawArtifact[];
  /** Probes whose raw text retention already pruned. */
  pruned: string[];
  findings: { rule: string; severity: string; title: string; summary: string }[];
  metrics: Record<string, number>;
  /** sha256 over the probe outputs and findings: what "this snapshot" means when pinned. */
  contentHash: string;
}

/** One stored snapshot with its raw probe outputs decompressed; null when it does not exist. */
export async function loadSnapshot(prisma: PrismaClient, id: bigint): Promise<LoadedSnapshot | null> {
  const s = await prisma.snapshot.findUnique({
    where: { id },
    include: {
      node: { select: { name: true } },
      artifacts: true,
      findings: { select: { rule: true, severity: true, title: true, summary: true } },
      metrics: { select: { name: true, value: true } },
    },
  });
  if (!s) return null;
  const artifacts: RawArtifact[] = [];
  const pruned: string[] = [];
  const hash = createHash('sha256');
  for (const a of [...s.artifacts].sort((x, y) => x.probe.localeCompare(y.probe))) {
    const text = a.content ? (await gunzipAsync(Buffer.from(a.content))).toString('utf8') : null;
    if (text === null) pruned.push(a.probe);
    hash.update(`${a.probe}\0${a.exitCode ?? ''}\0${a.truncated}\0${a.timedOut}\0${text ?? 'pruned'}\0`);
    artifacts.push({
      probe: a.probe as ProbeId,
      text: text ?? '',
      exitCode: a.exitCode,
      durationMs: a.durationMs,
      truncated: a.truncated,
      timedOut: a.timedOut,
      ...(a.error ? { error: a.error } : {}),
    });
  }
  const findings = s.findings
    .map((f) => ({ rule: f.rule, severity: String(f.severity), title: f.title, summary: f.summary }))
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.title.localeCompare(b.title));
  for (const f of findings) hash.update(`${f.rule}\0${f.severity}\0${f.title}\0${f.summary}\0`);
  const metrics: Record<string, number> = {};
  for (const m of s.metrics) metrics[m.name] = m.value;
  return {
    id: s.id,
    nodeName: s.node.name,
    takenAt: s.takenAt,
    status: String(s.status),
    artifacts,
    pruned,
    findings,
    metrics,
    contentHash: hash.digest('hex'),
  };
}
