/** Whitespace tokens of one row in reused arrays: 20,000 rows must not allocate 200,000 objects. */
export class RowTokens {
  texts: string[] = [];
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
      this.texts[k] = line.slice(s, i);
      this.starts[k] = s;
      this.ends[k] = i;
      k++;
    }
    this.count = k;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
