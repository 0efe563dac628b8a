/**
 * Time range of the node page in the URL: ?range=1h|6h|24h|7d|30d, or ?from=<ISO>&to=<ISO>
 * for a custom window (set by dragging across a chart).
 */
export const RANGES = {
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 86400,
  '7d': 7 * 86400,
  '30d': 30 * 86400,
} as const;
export type RangeKey = keyof typeof RANGES;
export const DEFAULT_RANGE: RangeKey = '24h';

export interface TimeRangeParams {
  range: RangeKey | 'custom';
  from: string | null;
  to: string | null;
}

export function parseTimeRange(sp: URLSearchParams): TimeRangeParams {
  const from = sp.get('from');
  const to = sp.get('to');
  if (
    from &&
    to &&
    Number.isFinite(Date.parse(from)) &&
    Number.isFinite(Date.parse(to)) &&
    Date.parse(from) < Date.parse(to)
  ) {
    return { range: 'custom', from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }
  const r = sp.get('range');
  return { range: r && r in RANGES ? (r as RangeKey) : DEFAULT_RANGE, from: null, to: null };
}

export function timeRangeToSearch(p: TimeRangeParams, keep?: URLSearchParams): string {
  const sp = new URLSearchParams(keep);
  sp.delete('range');
  sp.delete('from');
  sp.delete('to');
  if (p.range === 'custom' && p.from && p.to) {
    sp.set('from', p.from);
    sp.set('to', p.to);
  } else if (p.range !== DEFAULT_RANGE) {
    sp.set('range', p.range);
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/**
 * Absolute window for a query. Relative ranges end at `now` rounded up to the minute, so the
 * query key changes once a minute and the chart slides forward with the refresh.
 */
export function resolveRange(p: TimeRangeParams, now = Date.now()): { from: string; to: string } {
  if (p.range === 'custom' && p.from && p.to) return { from: p.from, to: p.to };
  const to = Math.ceil(now / 60_000) * 60_000;
  const secs = RANGES[p.range === 'custom' ? DEFAULT_RANGE : p.range];
  return { from: new Date(to - secs * 1000).toISOString(), to: new Date(to).toISOString() };
}
