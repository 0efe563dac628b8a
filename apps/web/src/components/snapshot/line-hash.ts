/** `#L123` or `#L120-L130` (GitHub style) <-> a line range, 1-based and inclusive. */
export function parseLineHash(hash: string): { from: number; to: number } | null {
  const m = /^#?L(\d+)(?:-L?(\d+))?$/.exec(hash.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (!(a > 0) || !(b > 0)) return null;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

export function lineHash(from: number, to = from): string {
  return to > from ? `#L${from}-L${to}` : `#L${from}`;
}

/** Indexes (0-based) of lines containing `q`, case-insensitive; capped so a one-letter query stays cheap. */
export function findLines(lines: readonly string[], q: string, cap = 50_000): number[] {
  const needle = q.toLowerCase();
  if (!needle) return [];
  const out: number[] = [];
  for (let i = 0; i < lines.length && out.length < cap; i++) {
    if ((lines[i] as string).toLowerCase().includes(needle)) out.push(i);
  }
  return out;
}

/** Splits text into lines the way the collector counts them: a final newline ends the last line. */
export function splitArtifactLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
