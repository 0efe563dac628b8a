/**
 * Whitespace token offsets of one row in reused arrays: 20,000 rows must not allocate 200,000
 * objects. Token texts are cut out on demand: most rows need only a few of them (a command
 * line's words are read as one span, numbers are read in place).
 */
export class RowTokens {
  line = '';
  starts: number[] = [];
  ends: number[] = [];
  count = 0;
  read(line: string): void {
    let k = 0;
    let i = 0;
    const n = line.length;
    while (i < n) {
      while (i < n && isBlank(line.charCodeAt(i))) i++;
      if (i >= n) break;
      const s = i;
      while (i < n && !isBlank(line.charCodeAt(i))) i++;
      this.starts[k] = s;
      this.ends[k] = i;
      k++;
    }
    this.line = line;
    this.count = k;
  }

  text(k: number): string {
    return this.line.slice(this.starts[k], this.ends[k]);
  }

  /** Every token's text (header and layout checks, a few rows per table). */
  texts(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.text(k));
    return out;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
