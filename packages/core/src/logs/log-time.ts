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
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  // Date.UTC rolls "Feb 31" over into March; refuse instead.
  return new Date(t).getUTCDate() === d ? t : undefined;
}

export function toIso(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return new Date(ms).toISOString();
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))? ?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** ISO-8601 with any fraction length, "," decimals and "+0000"/"+00:00"/"Z" zones; no zone = UTC. */
export function parseIsoTime(s: string): { ms: number; zoned: boolean } | undefined {
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const t = utcMs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, fractionMs(m[7]));
  if (t === undefined) return undefined;
  const zone = m[8];
  if (!zone || zone === 'Z') return { ms: t, zoned: zone === 'Z' };
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return { ms: t - sign * offsetMin * 60_000, zoned: true };
}

/** Resolves the node-relative timestamps of one parse call against its LogContext. */
export class LogClock {
  readonly referenceMs: number | undefined;
  readonly bootMs: number | undefined;
  /** Set when a year-less timestamp was seen with no referenceTime to place it. */
  missingYear = false;

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
      this.missingYear = true;
      return undefined;
    }
    const year = new Date(this.referenceMs).getUTCFullYear();
    const t = utcMs(year, mo, d, h, mi, s, ms);
    if (t !== undefined && t <= this.referenceMs + 86_400_000) return t;
    // Feb 29 of a leap year seen from a non-leap reference year falls through to the year before.
    return utcMs(year - 1, mo, d, h, mi, s, ms);
  }

  fromMonotonic(seconds: number): number | undefined {
    return this.bootMs === undefined ? undefined : this.bootMs + Math.round(seconds * 1000);
  }
}

function finiteOrUndefined(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}
