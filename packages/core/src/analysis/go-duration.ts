/**
 * Go's time.Duration String() format as kubelet prints it: "2m2s", "3m0.5s", "1h0m0s",
 * "500ms", "1.5µs". Returns seconds, or undefined when the text is not a duration.
 */
const UNIT_SECONDS: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ns: 1e-9,
};

const PART = /(\d+(?:\.\d+)?)(ms|us|µs|μs|ns|h|m|s)/y;

export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  if (s.length === 0) return undefined;
  let pos = 0;
  let total = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? Number.NaN);
    pos = PART.lastIndex;
  }
  return Number.isFinite(total) ? total : undefined;
}
