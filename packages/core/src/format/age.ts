import { MISSING } from './number.ts';

/** "5m ago" from Intl's narrow style; the same words in every view. */
const rel = new Intl.RelativeTimeFormat('en', { style: 'narrow', numeric: 'always' });

export type TimeInput = string | number | Date | null | undefined;

/** Milliseconds since the epoch, or NaN for anything that is not a time. */
export function toEpochMs(t: TimeInput): number {
  if (t === null || t === undefined || t === '') return Number.NaN;
  if (typeof t === 'number') return t;
  if (typeof t === 'string') return Date.parse(t);
  return t.getTime();
}

/**
 * How long ago, in the largest whole unit: "just now", "42s ago", "5m ago", "3h ago", "2d ago".
 * `now` is passed in (pure, and a ticking view re-renders with a new one). A time ahead of
 * `now` by clock skew reads "just now", not "in 3s".
 */
export function formatAge(t: TimeInput, now: number): string {
  if (t === null || t === undefined) return 'never';
  const at = toEpochMs(t);
  if (!Number.isFinite(at)) return MISSING;
  const s = Math.round((now - at) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return rel.format(-s, 'second');
  if (s < 3600) return rel.format(-Math.floor(s / 60), 'minute');
  if (s < 86_400) return rel.format(-Math.floor(s / 3600), 'hour');
  return rel.format(-Math.floor(s / 86_400), 'day');
}

/** "2026-11-22 09:55:00 UTC": the unambiguous form for titles, exports and logs. */
export function formatUtc(t: TimeInput): string {
  const ms = toEpochMs(t);
  if (!Number.isFinite(ms)) return '';
  return `${new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} UTC`;
}
