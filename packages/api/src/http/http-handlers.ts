import { isRecordId, RECORD_ID_FORM, serializeBundle } from '@nodescope/core';
import { getPrisma, prometheusMetrics, snapshotBundle } from '@nodescope/db';
import type { Actor } from '@nodescope/services';
import { receiveUpload } from '@nodescope/services/snapshots/receive-upload';
import { UPLOAD_LIMIT_BYTES, UploadError } from '@nodescope/services/snapshots/upload-bundle';
import { readUploadFile } from './read-capped-body.ts';

/** Plain HTTP endpoints next to tRPC: file download, file upload, Prometheus scrape. */

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

export async function handleBundleDownload(id: string): Promise<Response> {
  if (!isRecordId(id))
    return new Response(`Snapshot id must be a number (${RECORD_ID_FORM}).\n`, { status: 400 });
  const found = await snapshotBundle(getPrisma(), BigInt(id));
  if (!found) return new Response(`Snapshot ${id} not found.\n`, { status: 404 });
  return new Response(serializeBundle(found.bundle), {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${found.fileName.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'private, max-age=3600',
    },
  });
}

/** Accepts the raw file as the body, or multipart form data with a `file` field. */
export async function handleUpload(req: Request, actor: Actor): Promise<Response> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > UPLOAD_LIMIT_BYTES + 64 * 1024)
    return json({ error: 'The upload is larger than the 200 MB limit.' }, 413);
  // Attaching to an SSH-collected node is an explicit choice: `?attach=1` or a form field `attach`.
  let attach = new URL(req.url).searchParams.get('attach') === '1';
  try {
    // Counted as it streams: a chunked body has no content-length to check up front.
    const { bytes, fields } = await readUploadFile(req, UPLOAD_LIMIT_BYTES);
    if (fields.attach === '1') attach = true;
    return json(await receiveUpload(getPrisma(), actor, bytes, { attach }), 201);
  } catch (err) {
    if (err instanceof UploadError) return json({ error: err.message }, err.status);
    // A body the platform cannot parse (malformed multipart, aborted upload) is the client's fault.
    if (err instanceof TypeError)
      return json({ error: 'The request body could not be read (malformed form data?).' }, 400);
    console.error('upload failed:', err);
    return json({ error: 'The upload could not be stored (server error; see the server log).' }, 500);
  }
}

export async function handleMetrics(): Promise<Response> {
  return new Response(await prometheusMetrics(getPrisma()), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  });
}
