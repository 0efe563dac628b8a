import { UploadError } from '@nodescope/services/snapshots/upload-error';

/**
 * A request body read with a byte cap counted as it streams. The content-length header is only
 * a claim (and a chunked body has none), so the bytes are counted as they arrive and the
 * stream is cancelled the moment the cap is passed: at most `limit` bytes (plus one chunk) are
 * ever held, instead of buffering whatever the client sends and checking afterwards.
 */
export async function readCappedBody(req: Request, limit: number, what = 'upload'): Promise<Uint8Array> {
  const tooLarge = () =>
    new UploadError(`The ${what} is larger than the ${Math.round(limit / 1048576)} MB limit.`, 413);
  const declared = Number(req.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel('body over the limit').catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The uploaded file: the `file` field of a multipart form, or the raw body. The form is parsed
 * from the capped bytes, so a multipart upload is bounded the same way.
 */
/** The uploaded file, and the form's other text fields (none for a raw body). */
export interface UploadedFile {
  bytes: Uint8Array;
  fields: Record<string, string>;
}

export async function readUploadFile(req: Request, limit: number): Promise<UploadedFile> {
  const type = req.headers.get('content-type') ?? '';
  // A multipart envelope adds headers and boundaries around the file.
  const body = await readCappedBody(req, type.startsWith('multipart/form-data') ? limit + 64 * 1024 : limit);
  if (!type.startsWith('multipart/form-data')) return { bytes: body, fields: {} };
  const form = await new Response(body as unknown as ConstructorParameters<typeof Response>[0], {
    headers: { 'content-type': type },
  }).formData();
  const file = form.get('file');
  if (!file || typeof file === 'string')
    throw new UploadError('Send the bundle in a form field named "file".', 400);
  if (file.size > limit)
    throw new UploadError(`The upload is larger than the ${Math.round(limit / 1048576)} MB limit.`, 413);
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value;
  return { bytes: new Uint8Array(await file.arrayBuffer()), fields };
}
