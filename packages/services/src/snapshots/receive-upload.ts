import type { PrismaClient } from '@nodescope/db';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type UploadOptions, type UploadResult, uploadBundle } from './upload-bundle.ts';

/**
 * A bundle uploaded by a signed-in user: ingested, and written to the audit log with whether
 * it was attached to an SSH-collected node or kept apart from it. Refusals throw UploadError.
 */
export async function receiveUpload(
  prisma: PrismaClient,
  actor: Actor,
  bytes: Uint8Array,
  opts: UploadOptions = {},
): Promise<UploadResult> {
  const result = await uploadBundle(prisma, bytes, opts);
  await recordAudit(prisma, actor, 'snapshot.upload', result.node, {
    snapshotId: result.snapshotId,
    attach: opts.attach === true,
    ...(result.keptApartFrom ? { keptApartFrom: result.keptApartFrom } : {}),
  });
  return result;
}
