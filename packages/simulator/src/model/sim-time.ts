/**
 * The incidents' reference moment: incident nodes reach their write-up figures here, and
 * `simulate --scenario … --bundle` uses it unless `--at` says otherwise, so the printed bundle
 * carries the exact numbers from INCIDENTS.md.
 */
export const REFERENCE_TIME = new Date('2026-11-22T10:00:00Z');

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The window the log probes read (`journalctl --since "-60 min"`). */
export const LOG_WINDOW_MS = 60 * MINUTE;

/**
 * Snapshot times for a backfill of `days` days ending at `now`, oldest first, aligned to the
 * interval so that two backfills of the same fleet produce the same instants.
 */
export function backfillTimes(days: number, intervalMinutes: number, now: Date = new Date()): Date[] {
  if (!(days > 0) || !(intervalMinutes > 0)) return [];
  const step = intervalMinutes * MINUTE;
  const end = Math.floor(now.getTime() / step) * step;
  const start = end - days * DAY;
  const out: Date[] = [];
  for (let t = start + step; t <= end; t += step) out.push(new Date(t));
  return out;
}

/**
 * When a node's incident reaches its write-up figures, and how long it may take to get there.
 * The write-ups' own timelines (a leak over 240 days, a hang over 3 hours) hold by default;
 * a demo fleet sets the reference to "now" and a shorter onset so that its backfilled history
 * shows the incident developing instead of a flat line at its final figures.
 */
export interface IncidentTimeline {
  referenceMs: number;
  /** Longest time from onset to the reference; longer write-up phases are compressed to it. */
  onsetMs?: number;
}

export const DEFAULT_TIMELINE: IncidentTimeline = { referenceMs: REFERENCE_TIME.getTime() };

/**
 * Start of an incident phase that lasts `writeUpMs` before the reference in the write-up,
 * compressed to the node's onset when that is shorter (same curve, faster clock).
 */
export function phaseStart(t: IncidentTimeline, writeUpMs: number): number {
  return t.referenceMs - Math.min(writeUpMs, t.onsetMs ?? writeUpMs);
}

/** Fraction in [0,1] of the way from `start` to `end`, clamped. */
export function progress(t: number, start: number, end: number): number {
  if (t <= start) return 0;
  if (t >= end) return 1;
  return (t - start) / (end - start);
}
