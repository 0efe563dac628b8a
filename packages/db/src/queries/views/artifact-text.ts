import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { PrismaClient } from '../../client.ts';

const gunzipAsync = promisify(gunzip);

export interface ArtifactText {
  snapshotId: string;
  probe: string;
  /** null when retention pruned the raw text. */
  text: string | null;
  lineCount: number;
  byteSize: number;
  truncated: boolean;
  prunedAt: Date | null;
}

/** The raw text of one probe of one snapshot, decompressed; null when there is no such artifact. */
export async function artifactText(
  prisma: PrismaClient,
  snapshotId: bigint,
  probe: string,
): Promise<ArtifactText | null> {
  const a = await prisma.artifact.findUnique({ where: { snapshotId_probe: { snapshotId, probe } } });
  if (!a) return null;
  const text = a.content ? (await gunzipAsync(Buffer.from(a.content))).toString('utf8') : null;
  return {
    snapshotId: String(snapshotId),
    probe,
    text,
    lineCount: a.lineCount,
    byteSize: a.byteSize,
    truncated: a.truncated,
    prunedAt: a.prunedAt,
  };
}
