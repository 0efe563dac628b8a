import { fractionMs, type LogClock, monthNumber, parseIsoTime } from './log-time.ts';

/** The `<time> <host> <ident>[<pid>]: ` prefix that journalctl and syslog put before a message. */
export interface JournalPrefix {
  /** Epoch ms when the prefix gave enough to place it in time. */
  ms?: number;
  /** The prefix carried a zone (short-iso, short-unix): more trustworthy than a zone-less inner time. */
  zoned: boolean;
  host: string;
  unit: string;
  pid?: string;
  /** The message after "ident[pid]: ". */
  rest: string;
}

// Each regex is anchored and uses only bounded, non-nested quantifiers: one pass per line.
// Host names never hold "/" or ":", which keeps kernel text such as
// "x86/fpu: xstate_offset[2]:  576" from reading as "host ident[pid]:". journalctl and
// rsyslog write fractions with ".", dmesg --time-format iso with ",".
// journalctl -o short-iso / short-iso-precise, rsyslog RFC 3339: 2026-11-22T10:00:00+0000 host ident[pid]: msg
const ISO_PREFIX =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?) ([^\s/:]+) ([^\s[:]+)(?:\[(\d+)\])?: ?/;
// journalctl -o short / short-precise, classic syslog: Nov 22 10:00:00[.123456] host ident[pid]: msg
const SYSLOG_PREFIX =
  /^(\S{2,6}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? ([^\s/:]+) ([^\s[:]+)(?:\[(\d+)\])?: ?/;
// journalctl -o short-unix: 1732269600.123456 host ident[pid]: msg
const UNIX_PREFIX = /^(\d{9,11})(?:\.(\d{1,9}))? ([^\s/:]+) ([^\s[:]+)(?:\[(\d+)\])?: ?/;
// journalctl -o short-full: Sun 2026-11-22 10:00:00 UTC host ident[pid]: msg
const FULL_PREFIX =
  /^\S{2,4} (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?) ([A-Z]{2,5}|[+-]\d{2,4}) ([^\s/:]+) ([^\s[:]+)(?:\[(\d+)\])?: ?/;

/**
 * Consecutive journal lines mostly share the whole "time host ident[pid]: " header (many lines
 * per second from one process); reusing the previous header's parse skips the regex and the
 * time arithmetic for them.
 */
export function parseJournalPrefix(line: string, clock: LogClock): JournalPrefix | undefined {
  const cached = clock.lastHeader as { header: string; prefix: JournalPrefix } | undefined;
  if (cached !== undefined && line.startsWith(cached.header)) {
    const c = cached.prefix;
    return {
      ms: c.ms,
      zoned: c.zoned,
      host: c.host,
      unit: c.unit,
      pid: c.pid,
      rest: line.slice(cached.header.length),
    };
  }
  if (line.charCodeAt(0) === 123) return parseJournalJson(line);
  const p = parseUncached(line, clock);
  if (p !== undefined && line.charCodeAt(line.length - p.rest.length - 1) === 32) {
    clock.lastHeader = { header: line.slice(0, line.length - p.rest.length), prefix: p };
  }
  return p;
}

function parseUncached(line: string, clock: LogClock): JournalPrefix | undefined {
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    let m = ISO_PREFIX.exec(line);
    if (m) {
      const t = parseIsoTime(m[1]!);
      return build(t?.ms, t?.zoned ?? false, m[2]!, m[3]!, m[4], line.slice(m[0].length));
    }
    m = UNIX_PREFIX.exec(line);
    if (m)
      return build(Number(m[1]) * 1000 + fractionMs(m[2]), true, m[3]!, m[4]!, m[5], line.slice(m[0].length));
    return undefined;
  }
  let m = SYSLOG_PREFIX.exec(line);
  if (m) {
    const mo = monthNumber(m[1]!);
    if (mo === undefined) return undefined;
    const ms = clock.yearless(mo, +m[2]!, +m[3]!, +m[4]!, +m[5]!, fractionMs(m[6]));
    return build(ms, false, m[7]!, m[8]!, m[9], line.slice(m[0].length));
  }
  m = FULL_PREFIX.exec(line);
  if (m) {
    const zone = m[2]!;
    const utc = zone === 'UTC' || zone === 'GMT' || /^[+-]0{2,4}$/.test(zone);
    const t = parseIsoTime(m[1]!);
    return build(t?.ms, utc, m[3]!, m[4]!, m[5], line.slice(m[0].length));
  }
  return undefined;
}

function build(
  ms: number | undefined,
  zoned: boolean,
  host: string,
  unit: string,
  pid: string | undefined,
  rest: string,
): JournalPrefix {
  const p: JournalPrefix = { zoned, host, unit, rest };
  if (ms !== undefined && Number.isFinite(ms)) p.ms = ms;
  if (pid !== undefined) p.pid = pid;
  return p;
}

/**
 * journalctl -o json / json-seq: one object per entry. MESSAGE is a string, or an array of
 * bytes when the entry was not valid UTF-8.
 */
function parseJournalJson(line: string): JournalPrefix | undefined {
  if (!line.includes('"__REALTIME_TIMESTAMP"')) return undefined;
  let o: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    o = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  let message = str('MESSAGE');
  const raw = o.MESSAGE;
  if (message === undefined && Array.isArray(raw) && raw.every((b) => typeof b === 'number')) {
    message = new TextDecoder().decode(new Uint8Array(raw as number[]));
  }
  if (message === undefined) return undefined;
  const micros = Number(str('__REALTIME_TIMESTAMP'));
  const unit =
    str('SYSLOG_IDENTIFIER') ?? str('_COMM') ?? (str('_TRANSPORT') === 'kernel' ? 'kernel' : 'unknown');
  return build(
    Number.isFinite(micros) ? Math.floor(micros / 1000) : undefined,
    true,
    str('_HOSTNAME') ?? '',
    unit,
    str('_PID') ?? str('SYSLOG_PID'),
    message,
  );
}

/** journalctl's own lines: "-- Logs begin at …", "-- No entries --", "-- Boot 3f2a… --", "-- Reboot --". */
export function isJournalMarker(line: string): boolean {
  return (
    line.startsWith('-- ') &&
    /^-- (?:Logs begin at|Journal begins at|No entries|Boot [0-9a-f]|Reboot|Data from the specified boot)/.test(
      line,
    )
  );
}
