import { createHash } from 'node:crypto';
import { looksLikeBundle, NODE_NAME_MAX_CHARS, nodeNameProblem, parseBundle } from '@nodescope/core';
import {
  diskFullMessage,
  dropUnusedUploadTarget,
  isDiskFull,
  type PrismaClient,
  uploadTarget,
} from '@nodescope/db';
import { AnalysisPoolError } from '../analysis-pool/pool-error.ts';
import { decodeUploadText } from './decode-upload.ts';
import { ingestSnapshot } from './ingest-snapshot.ts';
import { UploadError } from './upload-error.ts';

export { UploadError } from './upload-error.ts';

export const UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;

/** Clocks drift: a bundle may be a little ahead of the server, never more. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

export interface UploadResult {
  snapshotId: string;
  node: string;
  nodeCreated: boolean;
  /** Set when the bundle named an SSH-collected node and was kept apart from it (not attached). */
  keptApartFrom?: string;
  takenAt: string;
  probes: number;
  findings: number;
  worst: string;
  warnings: string[];
}

export interface UploadOptions {
  /** Explicitly attach the bundle to the SSH-collected node it names (may become its latest snapshot). */
  attach?: boolean;
}

/**
 * An uploaded bundle (from nodescope-collect.sh, `collect --bundle` or a download), plain or
 * gzip: checked, then ingested like any other snapshot as an `upload` snapshot of the node
 * named in the bundle. The same file uploaded twice stores one snapshot.
 */
export async function uploadBundle(
  prisma: PrismaClient,
  bytes: Uint8Array,
  opts: UploadOptions = {},
): Promise<UploadResult> {
  if (bytes.byteLength === 0) throw new UploadError('The upload is empty.', 400);
  if (bytes.byteLength > UPLOAD_LIMIT_BYTES)
    throw new UploadError('The upload is larger than the 200 MB limit.', 413);
  const text = decodeUploadText(bytes);
  if (!looksLikeBundle(text)) {
    throw new UploadError(
      'This is not a Nodescope bundle: no "#nodescope-bundle v1" header line was found. Upload the output of nodescope-collect.sh or `nodescope collect --bundle`.',
      400,
    );
  }
  const parsed = parseBundle(text);
  const bundle = parsed.value;
  if (!bundle) throw new UploadError('The bundle header was found but the bundle could not be read.', 400);
  // The reader names a bundle without a #node: line "unknown"; an upload must say whose it is.
  if (!bundle.node.name.trim() || !/^#node:[ \t]*\S/m.test(text.slice(0, 4096)))
    throw new UploadError('The bundle does not name its node (#node: line).', 400);
  const nameProblem =
    nodeNameProblem(bundle.node.name.trim()) ??
    (bundle.node.host && bundle.node.host.length > NODE_NAME_MAX_CHARS
      ? `a host has at most ${NODE_NAME_MAX_CHARS} characters (got ${bundle.node.host.length})`
      : undefined);
  if (nameProblem) throw new UploadError(`The bundle's #node line is refused: ${nameProblem}.`, 400);
  const takenAt = new Date(bundle.takenAt);
  if (Number.isNaN(takenAt.getTime()))
    throw new UploadError(`The bundle's #taken-at is not a time: "${bundle.takenAt}".`, 400);
  if (takenAt.getTime() > Date.now() + FUTURE_SKEW_MS)
    throw new UploadError(
      `The bundle's #taken-at (${takenAt.toISOString()}) is in the future: check the node's clock.`,
      400,
    );
  if (!bundle.artifacts.length) throw new UploadError('The bundle holds no probe output.', 400);

  const failed = bundle.artifacts.some((a) => a.error || a.timedOut);
  let target: Awaited<ReturnType<typeof uploadTarget>> | undefined;
  let stored: Awaited<ReturnType<typeof ingestSnapshot>>;
  try {
    target = await uploadTarget(prisma, bundle.node.name.trim(), bundle.node.host, {
      attach: opts.attach === true,
    });
    stored = await ingestSnapshot(prisma, {
      node: target.node,
      takenAt,
      status: failed ? 'partial' : 'complete',
      durationMs: bundle.artifacts.reduce(
        (s, a) => s + (Number.isFinite(a.durationMs) ? a.durationMs : 0),
        0,
      ),
      artifacts: bundle.artifacts,
      source: 'upload',
      collectKey: `upload:${createHash('sha256').update(text).digest('hex')}`,
      peers: target.peers,
      readWarnings: parsed.warnings,
    });
  } catch (err) {
    if (target?.created) await dropUnusedUploadTarget(prisma, target.node.id).catch(() => {});
    // A busy or failing analysis is the server's state, told as it is, not a 500 without words.
    if (err instanceof AnalysisPoolError)
      throw new UploadError(
        `The bundle could not be analysed: ${err.message}.`,
        err.code === 'queue-full' ? 503 : 422,
      );
    if (isDiskFull(err))
      throw new UploadError(
        `${diskFullMessage('The bundle could not be stored')}. Upload it again then.`,
        507,
      );
    throw err;
  }
  return {
    snapshotId: String(stored.snapshotId),
    node: target.node.name,
    nodeCreated: target.created,
    ...(target.keptApartFrom ? { keptApartFrom: target.keptApartFrom } : {}),
    takenAt: takenAt.toISOString(),
    probes: bundle.artifacts.length,
    findings: stored.findings,
    worst: stored.worst,
    warnings: parsed.warnings.map((w) => w.message).slice(0, 20),
  };
}
