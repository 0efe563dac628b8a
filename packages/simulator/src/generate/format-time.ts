/** Timestamp layouts of the tools whose output the probes capture. All nodes run in UTC. */

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad6 = (n: number) => String(n).padStart(6, '0');

function parts(ms: number) {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(),
    mo: pad2(d.getUTCMonth() + 1),
    d: pad2(d.getUTCDate()),
    h: pad2(d.getUTCHours()),
    mi: pad2(d.getUTCMinutes()),
    s: pad2(d.getUTCSeconds()),
  };
}

/** Microseconds within the second; ms-resolution times get deterministic sub-ms digits. */
function micros(ms: number, microExtra: number): string {
  const frac = ((ms % 1000) + 1000) % 1000;
  return pad6(Math.floor(frac) * 1000 + (microExtra % 1000));
}

/** `journalctl -o short-iso`: systemd < 250 prints `+0000`, newer ones `+00:00`. */
export function journalTime(ms: number, colonOffset = false): string {
  const p = parts(ms);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}${colonOffset ? '+00:00' : '+0000'}`;
}

/** `dmesg --time-format iso`: `2026-11-22T09:58:01,123456+00:00`. */
export function dmesgIsoTime(ms: number, microExtra = 0): string {
  const p = parts(ms);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s},${micros(ms, microExtra)}+00:00`;
}

/** klog header time: `1122 10:00:00.123456` (month+day, no year). */
export function klogTime(ms: number, microExtra = 0): string {
  const p = parts(ms);
  return `${p.mo}${p.d} ${p.h}:${p.mi}:${p.s}.${micros(ms, microExtra)}`;
}

/** A full klog line body: `E1122 10:00:00.123456    2231 file.go:301] message`. */
export function klogLine(
  level: 'I' | 'W' | 'E' | 'F',
  ms: number,
  pid: number,
  loc: string,
  msg: string,
): string {
  return `${level}${klogTime(ms, pid)} ${String(pid).padStart(7, ' ')} ${loc}] ${msg}`;
}

/** Go's time.Time String(): `2026-11-22 10:02:02.437168443 +0000 UTC`. */
export function goTime(ms: number, nanoExtra = 0): string {
  const p = parts(ms);
  const frac = ((ms % 1000) + 1000) % 1000;
  const nanos = String(Math.floor(frac) * 1_000_000 + (nanoExtra % 1_000_000)).padStart(9, '0');
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}.${nanos} +0000 UTC`;
}

/** RFC 3339 with nanoseconds, as containerd's logrus JSON prints `time`. */
export function rfc3339Nano(ms: number, nanoExtra = 0): string {
  const p = parts(ms);
  const frac = ((ms % 1000) + 1000) % 1000;
  const nanos = String(Math.floor(frac) * 1_000_000 + (nanoExtra % 1_000_000)).padStart(9, '0');
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}.${nanos}Z`;
}

/** Docker's CreatedAt: `2026-11-20 08:11:02 +0000 UTC`. */
export function dockerCreatedAt(ms: number): string {
  const p = parts(ms);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s} +0000 UTC`;
}

/** go-units HumanDuration, as docker prints in "Up 2 days" and "8 months ago". */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}
