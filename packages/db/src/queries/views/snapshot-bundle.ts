import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Bundle, ProbeId } from '@nodescope/core';
import type { PrismaClient } from '../../client.ts';

const gunzipAsync = promisify(gunzip);

/** A stored snapshot as a bundle (for download); pruned artifacts are left out. */
export async function snapshotBundle(
  prisma: PrismaClient,
  id: bigint,
): Promise<{ bundle: Bundle; fileName: string } | null> {
  const s = await prisma.snapshot.findUnique({
    where: { id },
    include: { node: { select: { name: true, host: true } }, artifacts: { orderBy: { id: 'asc' } } },
  });
  if (!s) return null;
  const artifacts = await Promise.all(
    s.artifacts
      .filter((a) => a.content)
      .map(async (a) => ({
        probe: a.probe as ProbeId,
        text: (await gunzipAsync(Buffer.from(a.content as Uint8Array))).toString('utf8'),
        exitCode: a.exitCode,
        durationMs: a.durationMs,
        truncated: a.truncated,
        timedOut: a.timedOut,
        ...(a.error ? { error: a.error } : {}),
      })),
  );
  const stamp = s.takenAt
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return {
    bundle: {
      formatVersion: 1,
      node: { name: s.node.name, host: s.node.host },
      takenAt: s.takenAt.toISOString(),
      collector: `nodescope snapshot ${s.id} (${s.source})`,
      artifacts,
    },
    fileName: `${s.node.name}-${stamp}.nsbundle`,
  };
}
