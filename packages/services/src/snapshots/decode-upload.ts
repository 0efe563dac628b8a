import { gunzipSync } from 'node:zlib';
import { UploadError } from './upload-error.ts';

/**
 * Decompressed text is capped well below V8's longest string (~512 MiB) and below what one
 * analysis should hold in memory: a 1 MB gzip of zeros would otherwise inflate to gigabytes.
 * zlib stops inflating at the cap, so a bomb costs at most the cap, not its full size.
 */
export const INFLATED_LIMIT_BYTES = 256 * 1024 * 1024;

/** Upload bytes as text, gunzipped (with the cap) when they carry the gzip magic. */
export function decodeUploadText(bytes: Uint8Array, limit = INFLATED_LIMIT_BYTES): string {
  let raw = bytes;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw, { maxOutputLength: limit });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw new UploadError(
          `The file decompresses to more than ${Math.round(limit / 1048576)} MB of text; a node's bundle is far smaller. Upload the bundle of one node.`,
          413,
        );
      }
      throw new UploadError(
        `The file looks gzip-compressed but could not be decompressed: ${(err as Error).message}`,
        400,
      );
    }
  }
  if (raw.byteLength > limit) {
    throw new UploadError(`The file holds more than ${Math.round(limit / 1048576)} MB of text.`, 413);
  }
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
}
