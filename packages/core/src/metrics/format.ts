import { metricSpec } from './metric-catalogue.ts';

/** en-US formatting for summaries: "12,777", "26.7", "8.6 GiB". Intl is plain ECMAScript. */
const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? intFmt.format(n) : String(n);
}

/** One decimal at most, grouped: 2,022, 26.7, 75.7. */
export function fmtNum(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) < 1 && n !== 0 ? twoFmt.format(n) : oneFmt.format(n);
}

export function fmtBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${fmtNum(v)} ${units[i]}`;
}

export function fmtSeconds(s: number): string {
  if (s < 120) return `${fmtNum(s)} s`;
  if (s < 7200) return `${fmtNum(s / 60)} min`;
  if (s < 172_800) return `${fmtNum(s / 3600)} h`;
  return `${fmtNum(s / 86_400)} d`;
}

/** A metric value with its unit, as a summary sentence wants it. */
export function fmtMetric(name: string, value: number): string {
  const unit = metricSpec(name)?.unit ?? 'count';
  switch (unit) {
    case 'percent':
      return `${fmtNum(value)}%`;
    case 'bytes':
      return fmtBytes(value);
    case 'seconds':
      return fmtSeconds(value);
    case 'ms':
      return `${fmtInt(value)} ms`;
    case 'per_min':
      return `${fmtNum(value)}/min`;
    case 'ratio':
      return fmtNum(value);
    default:
      return fmtInt(value);
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
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
