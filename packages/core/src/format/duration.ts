import { formatNumber, isNumber, MISSING } from './number.ts';

/**
 * A measured time in one unit with a decimal, as a finding's summary states it:
 * "43.3 s", "5.2 min", "3.1 h", "104.5 d". Below a second: "250 ms".
 */
export function formatSeconds(s: number | null | undefined): string {
  if (!isNumber(s)) return MISSING;
  const a = Math.abs(s);
  if (a > 0 && a < 1) return `${formatNumber(Math.round(s * 1000))} ms`;
  if (a < 120) return `${formatNumber(s)} s`;
  if (a < 7200) return `${formatNumber(s / 60)} min`;
  if (a < 172_800) return `${formatNumber(s / 3600)} h`;
  return `${formatNumber(s / 86_400)} d`;
}

const STEPS = [
  ['d', 86_400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
] as const;

/**
 * An elapsed span in its two largest units, short enough for a table cell: "189d 4h",
 * "5h 12m", "42s". Never shows more than two parts, so a cell never needs clipping.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNumber(seconds)) return MISSING;
  let rest = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [unit, size] of STEPS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n}${unit}`);
    if (parts.length === 2) break;
  }
  // "3d 0h" says nothing the "3d" does not.
  const shown = parts.filter((p, i) => i === 0 || !p.startsWith('0'));
  return shown.length ? shown.join(' ') : '0s';
}

/** Milliseconds as a human duration: "850 ms", "1.2 s", "3m 5s". */
export function formatMs(ms: number | null | undefined): string {
  if (!isNumber(ms)) return MISSING;
  if (Math.abs(ms) < 1000) return `${formatNumber(Math.round(ms))} ms`;
  if (Math.abs(ms) < 60_000) return `${formatNumber(ms / 1000)} s`;
  return formatDuration(ms / 1000);
}
