import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeUploadText } from '@nodescope/services/snapshots/decode-upload';
import { readCappedBody, readUploadFile } from './read-capped-body.ts';
import { UploadError } from '@nodescope/services/snapshots/upload-error';

/** A chunked body (no content-length) that counts how many bytes the reader pulled. */
function chunkedRequest(chunk: number, chunks: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled >= chunk * chunks) return c.close();
      pulled += chunk;
      c.enqueue(new Uint8Array(chunk).fill(120));
    },
  });
  const req = new Request('http://x/upload', { method: 'POST', body, duplex: 'half' } as RequestInit);
  return { req, pulled: () => pulled };
}

describe('readCappedBody', () => {
  it('stops a chunked body at the limit with 413, without reading the rest', async () => {
    const { req, pulled } = chunkedRequest(64 * 1024, 1000);
    const err = await readCappedBody(req, 1024 * 1024).catch((e) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).status).toBe(413);
    expect(pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it('returns a body under the limit whole', async () => {
    const { req } = chunkedRequest(1000, 5);
    expect((await readCappedBody(req, 10_000)).byteLength).toBe(5000);
  });

  it('reads the file field of a multipart form', async () => {
    const form = new FormData();
    form.set('file', new Blob(['#nodescope-bundle v1\n']), 'b.txt');
    const req = new Request('http://x/upload', { method: 'POST', body: form });
    expect(new TextDecoder().decode((await readUploadFile(req, 1024)).bytes)).toBe('#nodescope-bundle v1\n');
  });
});

describe('decodeUploadText', () => {
  it('refuses a gzip bomb with 413 once the cap is reached', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const err = (() => {
      try {
        decodeUploadText(bomb, 8 * 1024 * 1024);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).status).toBe(413);
    expect((err as Error).message).toMatch(/decompresses to more than 8 MB/);
  });

  it('inflates a normal gzip', () => {
    expect(decodeUploadText(gzipSync('hello'))).toBe('hello');
  });
});
