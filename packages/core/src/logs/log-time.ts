import type { LogContext } from './log-context.ts';

/**
 * Month tokens as printed by strftime("%b") in the locales nodes are actually run with
 * (dmesg -T and journalctl follow LC_TIME), lower-cased and without a trailing dot.
 */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  // en, de, fr, es, it, pt, nl, ru
  ['jan', 'janv', 'ene', 'gen', 'jän', 'янв'],
  ['feb', 'févr', 'fevr', 'fev', 'фев'],
  ['mar', 'mär', 'mrz', 'mars', 'mrt', 'мар'],
  ['apr', 'avr', 'avril', 'abr', 'апр'],
  ['may', 'mai', 'mag', 'mei', 'май', 'мая'],
  ['jun', 'juin', 'giu', 'июн'],
  ['jul', 'juil', 'lug', 'июл'],
  ['aug', 'août', 'aout', 'ago', 'авг'],
  ['sep', 'sept', 'set', 'сен'],
  ['oct', 'okt', 'ott', 'out', 'окт'],
  ['nov', 'ноя'],
  ['dec', 'dez', 'déc', 'dic', 'дек'],
];
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});

/** 1-12 for a month token in any supported language ("Apr", "Mär", "févr.", "4月"), else undefined. */
export function monthNumber(token: string): number | undefined {
  const t = token.toLowerCase().replace(/\.$/, '');
  const direct = MONTHS[t] ?? MONTHS[t.slice(0, 3)] ?? MONTHS[t.slice(0, 4)];
  if (direct !== undefined) return direct;
  const cjk = /^(\d{1,2})月$/.exec(t);
  if (cjk) {
    const n = Number(cjk[1]);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  return undefined;
}

/** Fraction digits ("123456789") to milliseconds, truncated: timestamps stay ordered. */
export function fractionMs(frac: string | undefined): number {
  if (!frac) return 0;
  return Number(frac.slice(0, 3).padEnd(3, '0'));
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Milliseconds since the epoch for UTC parts, or undefined when a part is out of range. */
export function utcMs(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms = 0,
): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]! || h > 23 || mi > 59 || s > 60)
    return undefined;
  // Date.UTC would roll "Feb 29" of a common year into March; refuse instead.
  if (mo === 2 && d === 29 && (y % 4 !== 0 || (y % 100 === 0 && y % 400 !== 0))) return undefined;
  const key = (y * 100 + mo) * 100 + d;
  if (key !== lastDayKey) {
    // Date.UTC reads years 0-99 as 1900-1999.
    lastDayMs = y >= 100 ? Date.UTC(y, mo - 1, d) : new Date(0).setUTCFullYear(y, mo - 1, d);
    lastDayKey = key;
  }
  return lastDayMs + ((h * 60 + mi) * 60 + Math.min(s, 59)) * 1000 + ms;
}

// Date.UTC per line showed up in profiles; consecutive lines share the day.
let lastDayKey = -1;
let lastDayMs = 0;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** Days since 1970-01-01 to a civil UTC date (H. Hinnant's algorithm): no Date object per line. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function utcYear(ms: number): number {
  return civilFromDays(Math.floor(ms / 86_400_000))[0];
}

// Date#toISOString costs microseconds and dominated a 50,000-line parse. Lines come in runs
// within the same second: format "YYYY-MM-DDTHH:MM:SS." once per second and append a
// precomputed "mmmZ".
let lastSecond = Number.NaN;
let lastSecondText = '';
const MILLIS = Array.from({ length: 1000 }, (_, i) => `${pad3(i)}Z`);

/** Epoch ms to "YYYY-MM-DDTHH:MM:SS.mmmZ", or undefined for non-finite or out-of-range input. */
export function toIso(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  // Only years 0000-9999 have a four-digit ISO form; anything else is a misparse, not a time.
  if (ms < -62167219200000 || ms >= 253402300800000) return undefined;
  if (ms < 0) return new Date(ms).toISOString();
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    const day = Math.floor(second / 86_400);
    const [y, m, d] = civilFromDays(day);
    let rest = second - day * 86_400;
    const sec = rest % 60;
    rest = (rest - sec) / 60;
    lastSecondText = `${y}-${pad2(m)}-${pad2(d)}T${pad2(Math.trunc(rest / 60))}:${pad2(rest % 60)}:${pad2(sec)}.`;
    lastSecond = second;
  }
  return lastSecondText + MILLIS[Math.trunc(ms - second * 1000)]!;
}

/** ISO-8601 with any fraction length, "," decimals and "+0000"/"+00:00"/"Z" zones; no zone = UTC. */
let lastIsoText = '';
let lastIsoParsed: { ms: number; zoned: boolean } | undefined;

export function parseIsoTime(s: string): { ms: number; zoned: boolean } | undefined {
  if (s !== lastIsoText) {
    lastIsoParsed = parseIsoUncached(s);
    lastIsoText = s;
  }
  return lastIsoParsed;
}

/** n decimal digits at i as a number, or -1. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = s.charCodeAt(i + k) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * YYYY-MM-DD[T ]HH:MM:SS[.,fraction][ ][Z|±HH[:]MM], read by position: a regex with eight captures was the largest cost
 * when every line carries its own nanosecond time= field (containerd).
 */
function parseIsoUncached(s: string): { ms: number; zoned: boolean } | undefined {
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  const h = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  const sec = digitsAt(s, 17, 2);
  const sep = s.charCodeAt(10);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32)) return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  let i = 19;
  let ms = 0;
  const f = s.charCodeAt(i);
  if (f === 46 || f === 44) {
    let n = 0;
    i++;
    for (let dg = s.charCodeAt(i) - 48; dg >= 0 && dg <= 9 && n < 9; dg = s.charCodeAt(i) - 48) {
      if (n < 3) ms = ms * 10 + dg;
      n++;
      i++;
    }
    if (n === 0) return undefined;
    if (n < 3) ms *= n === 1 ? 100 : 10;
  }
  if (s.charCodeAt(i) === 32) i++;
  const t = utcMs(y, mo, d, h, mi, sec, ms);
  if (t === undefined) return undefined;
  if (i === s.length) return { ms: t, zoned: false };
  const z = s.charCodeAt(i);
  if (z === 90) return i + 1 === s.length ? { ms: t, zoned: true } : undefined;
  if (z !== 43 && z !== 45) return undefined;
  const oh = digitsAt(s, i + 1, 2);
  if (oh < 0) return undefined;
  let j = i + 3;
  let om = 0;
  if (j < s.length) {
    if (s.charCodeAt(j) === 58) j++;
    om = digitsAt(s, j, 2);
    if (om < 0 || j + 2 !== s.length) return undefined;
  }
  const sign = z === 45 ? -1 : 1;
  return { ms: t - sign * (oh * 60 + om) * 60_000, zoned: true };
}

/** Resolves the node-relative timestamps of one parse call against its LogContext. */
export class LogClock {
  readonly referenceMs: number | undefined;
  readonly bootMs: number | undefined;
  /** Set when a year-less timestamp was seen with no referenceTime to place it. */
  missingYear = false;
  /** The journal prefix parser's memo of the previous line's header (see journal-prefix.ts). */
  lastHeader: unknown;

  constructor(ctx: LogContext | undefined) {
    const ref = ctx?.referenceTime ? parseIsoTime(ctx.referenceTime)?.ms : undefined;
    this.referenceMs =
      ref ?? (ctx?.referenceTime ? finiteOrUndefined(Date.parse(ctx.referenceTime)) : undefined);
    const boot = ctx?.bootTime ? parseIsoTime(ctx.bootTime)?.ms : undefined;
    this.bootMs = boot ?? (ctx?.bootTime ? finiteOrUndefined(Date.parse(ctx.bootTime)) : undefined);
  }

  /**
   * A timestamp printed without a year (syslog, klog, dmesg -H): the collection year, or the
   * previous one when that would put the event more than a day after collection.
   */
  yearless(mo: number, d: number, h: number, mi: number, s: number, ms = 0): number | undefined {
    if (this.referenceMs === undefined) {
      if (this.startMs !== undefined) return this.afterStart(mo, d, h, mi, s, ms);
      this.missingYear = true;
      return undefined;
    }
    const year = utcYear(this.referenceMs);
    const t = utcMs(year, mo, d, h, mi, s, ms);
    if (t !== undefined && t <= this.referenceMs + 86_400_000) return t;
    // Feb 29 of a leap year seen from a non-leap reference year falls through to the year before.
    return utcMs(year - 1, mo, d, h, mi, s, ms);
  }

  /**
   * A log that states when it began (glog's "Log file created at: 2024/04/12 15:28:39") places
   * later year-less lines when the caller gave no reference time: same year, or the next one
   * once the dates wrap past New Year.
   */
  startedAt(ms: number): void {
    if (this.startMs === undefined) this.startMs = ms;
  }

  private startMs: number | undefined;

  private afterStart(
    mo: number,
    d: number,
    h: number,
    mi: number,
    s: number,
    ms: number,
  ): number | undefined {
    const start = this.startMs as number;
    const year = utcYear(start);
    const t = utcMs(year, mo, d, h, mi, s, ms);
    if (t !== undefined && t >= start - 86_400_000) return t;
    return utcMs(year + 1, mo, d, h, mi, s, ms);
  }

  fromMonotonic(seconds: number): number | undefined {
    return this.bootMs === undefined ? undefined : this.bootMs + Math.round(seconds * 1000);
  }
}

function finiteOrUndefined(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}
