import { metricSpec } from './metric-catalogue.ts';

import {
  formatBytes,
  formatInt,
  formatNumber,
  formatSeconds,
  formatValue,
  plural as pluralOf,
} from '../format/index.ts';

// The detectors' short names for the one formatting module, so a summary, a chip and a table
// print the same string for the same number.
export const fmtInt = (n: number): string => formatInt(n);
export const fmtNum = (n: number): string => formatNumber(n);
export const fmtBytes = (n: number): string => formatBytes(n);
export const fmtSeconds = (s: number): string => formatSeconds(s);
export const plural = pluralOf;

/** A metric value with its unit, as a summary sentence wants it. */
export function fmtMetric(name: string, value: number): string {
  return formatValue(value, metricSpec(name)?.unit ?? 'count');
}

/** Shorten a 64-hex id the way docker ps does. */
export function shortId(id: string): string {
  return /^[0-9a-f]{13,}$/.test(id) ? id.slice(0, 12) : id;
}

/** Sentence case, except names engineers always write in lower case (kubelet, systemd…). */
export function sentence(s: string): string {
  if (/^(?:kubelet|systemd|runc|containerd|dockerd|crictl|jbd2|ext4|kworker|cgroup v2)\b/.test(s)) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}
