import type { ServerChannel } from 'ssh2';

/** Writes a buffer in chunks, waiting for 'drain' when the channel's window is full. */
export async function writeWithBackpressure(
  ch: ServerChannel,
  data: Buffer,
  isClosed: () => boolean,
  chunk = 64 * 1024,
): Promise<void> {
  for (let off = 0; off < data.length && !isClosed(); off += chunk) {
    if (!ch.write(data.subarray(off, off + chunk))) await waitDrain(ch, isClosed);
  }
}

export function waitDrain(ch: ServerChannel, isClosed: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (isClosed()) return resolve();
    const done = () => {
      ch.off('drain', done);
      ch.off('close', done);
      resolve();
    };
    ch.on('drain', done);
    ch.on('close', done);
  });
}

/**
 * Streams `total` bytes made by repeating `pattern`, reusing one chunk buffer, so a 100 MB
 * output never sits in memory at once.
 */
export async function streamRepeated(
  ch: ServerChannel,
  pattern: Buffer,
  total: number,
  isClosed: () => boolean,
): Promise<number> {
  const chunkSize = 64 * 1024;
  const reps = Math.max(1, Math.floor(chunkSize / Math.max(1, pattern.length)));
  const chunk = Buffer.alloc(reps * pattern.length);
  for (let i = 0; i < reps; i++) pattern.copy(chunk, i * pattern.length);
  let sent = 0;
  while (sent < total && !isClosed()) {
    const n = Math.min(chunk.length, total - sent);
    const ok = ch.write(n === chunk.length ? chunk : chunk.subarray(0, n));
    sent += n;
    if (!ok) await waitDrain(ch, isClosed);
  }
  return sent;
}

/** Invalid UTF-8, NULs and control bytes, deterministic per seed. */
export function garbageBytes(seed: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    b[i] = s & 0xff;
  }
  // Guarantee sequences no decoder accepts: lone continuation bytes and overlong lead bytes.
  for (let i = 0; i + 3 < length; i += 97) {
    b[i] = 0xc0;
    b[i + 1] = 0x80;
    b[i + 2] = 0xff;
    b[i + 3] = 0x00;
  }
  return b;
}
