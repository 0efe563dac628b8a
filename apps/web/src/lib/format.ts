/** Number and time formatting shared by every view: 12,777 not 12777. */
import { fmtMetric, metricSpec } from '@nodescope/core';

/**
 * A catalogued metric's value exactly as the findings' summaries print it (core's formatter):
 * a chip, a peer-table cell and a summary sentence never show the same number two ways.
 */
export function formatMetricValue(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return fmtMetric(name, value);
}

/** The catalogue's label for a metric name ("kubelet RSS" for kubelet.rss_bytes). */
export function metricLabel(name: string): string {
  return metricSpec(name)?.label ?? name;
}

const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const dec2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (Math.abs(n) >= 100 || Number.isInteger(n)) return intFmt.format(n);
  if (Math.abs(n) >= 10) return dec1.format(n);
  return dec2.format(n);
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? intFmt.format(v) : v >= 100 ? intFmt.format(v) : dec1.format(v)} ${units[i]}`;
}

/** 3d 4h, 5h 12m, 42s: the two largest units. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

export type Unit = 'count' | 'percent' | 'bytes' | 'seconds' | 'ms' | 'per_min' | 'ratio' | string;

export function formatMetric(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'percent':
      return `${formatNumber(value)}%`;
    case 'bytes':
      return formatBytes(value);
    case 'seconds':
      return value >= 120 ? formatDuration(value) : `${formatNumber(value)} s`;
    case 'ms':
      return `${formatNumber(value)} ms`;
    case 'per_min':
      return `${formatNumber(value)}/min`;
    default:
      return formatNumber(value);
  }
}

/** "×75.7" for a ratio to the pool median; "new" when the median is zero. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return 'new';
  return `×${ratio >= 100 ? intFmt.format(ratio) : dec1.format(ratio)}`;
}

/** Relative age: "just now", "42s ago", "5m ago", "3h ago", "2d ago". */
export function formatAge(iso: string | Date | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (!Number.isFinite(t)) return '—';
  const s = Math.round((now - t) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

/** Viewer's zone for display; the title attribute carries UTC. */
export function formatLocal(iso: string | Date | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hour12: false,
  });
}

export function formatUtc(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return `${d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} UTC`;
}
