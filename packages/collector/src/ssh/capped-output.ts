/**
 * Collects a stream's bytes up to a cap. Bytes are kept raw and decoded once at the end, so a
 * multi-byte character split across chunks decodes correctly and invalid UTF-8 becomes U+FFFD
 * instead of an exception.
 */
export class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private cut = false;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.size;
  }

  get truncated(): boolean {
    return this.cut;
  }

  /** Adds a chunk; returns false once the cap is exceeded (the excess is dropped). */
  push(chunk: Buffer): boolean {
    if (this.cut) return false;
    const room = this.maxBytes - this.size;
    if (chunk.length > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.size = this.maxBytes;
      this.cut = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  text(): string {
    let buf = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
    if (this.cut) buf = buf.subarray(0, completeUtf8Length(buf));
    return buf.toString('utf8');
  }
}

/**
 * Length without a trailing incomplete UTF-8 sequence: a cut in the middle of a character is an
 * artefact of the cap, not of the node's output, so it should not show as a replacement character.
 */
export function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
