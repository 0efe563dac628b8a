import type { LogEvent } from '../model/node-state.ts';
import { parseJournalPrefix } from './journal-prefix.ts';
import { type LogClock, monthNumber, parseIsoTime, utcMs } from './log-time.ts';

/** One kernel log line with its timestamp prefix taken apart. */
export interface DmesgLine {
  /** A timestamp or prefix was recognised: the line starts a record (or continues a block). */
  anchored: boolean;
  /** Epoch ms of an absolute timestamp (-T, iso, journal, syslog). */
  ms?: number;
  /** Seconds since boot (raw dmesg, `kernel: [123.456]`). */
  monotonic?: number;
  /** `dmesg -H`/`-e`: `[Apr14 02:46]` starts a minute, `[  +0.000006]` is seconds since the previous line. */
  relative?: { anchorMs?: number; delta?: number };
  level?: LogEvent['level'];
  unit?: string;
  /** Set when a syslog/journal prefix named another process: the line is not a kernel line. */
  foreignUnit?: string;
  message: string;
}

const RAW = /^\[ *(\d{1,10}\.\d{1,9})(?: *<\s*\d+\.\d+>)?\] ?/;
const DELTA = /^\[(?: *\+(\d{1,10}\.\d{1,9})|<\s*(\d{1,10}\.\d{1,9})>)\] ?/;
const HUMAN = /^\[([^\d\s\]]{2,8})(\d{1,2}) (\d{2}):(\d{2})(?::(\d{2}))?\] ?/;
// dmesg -T: [Tue Apr 14 02:46:12 2020], the weekday in the node's locale (or missing).
const CTIME = /^\[(?:\S{1,12} +)?(\S{1,12}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})\] ?/;
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?) ?/;
const PRIORITY = /^<(\d{1,3})>/;
const FACILITY =
  /^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local\d) *:(emerg|alert|crit|err|warn|notice|info|debug) *: ?/;
// journalctl -o short-monotonic: [  123.456789] host kernel: msg
const MONO_JOURNAL = /^(\S+) kernel: ?/;

const PRIORITY_LEVELS: LogEvent['level'][] = ['E', 'E', 'E', 'E', 'W', 'I', 'I', 'D'];
const FACILITY_LEVELS: Record<string, LogEvent['level']> = {
  emerg: 'E',
  alert: 'E',
  crit: 'E',
  err: 'E',
  warn: 'W',
  notice: 'I',
  info: 'I',
  debug: 'D',
};

export function parseDmesgLine(raw: string, clock: LogClock): DmesgLine {
  let line = raw;
  const out: DmesgLine = { anchored: false, message: raw };
  const pri = PRIORITY.exec(line);
  if (pri) {
    out.level = PRIORITY_LEVELS[Number(pri[1]) & 7];
    line = line.slice(pri[0].length);
    out.anchored = true;
  }
  const fac = FACILITY.exec(line);
  if (fac) {
    out.level = FACILITY_LEVELS[fac[1]!];
    line = line.slice(fac[0].length);
    out.anchored = true;
    out.message = line;
  }
  const c = line.charCodeAt(0);
  if (c === 91 /* [ */) {
    readBracket(line, out, clock);
  } else if (c >= 48 && c <= 57) {
    if (!readJournal(line, out, clock)) {
      const m = ISO.exec(line);
      if (m) {
        const t = parseIsoTime(m[1]!);
        if (t) out.ms = t.ms;
        out.anchored = true;
        out.message = line.slice(m[0].length);
      } else if (out.anchored) {
        out.message = line;
      }
    }
  } else if (!readJournal(line, out, clock) && out.anchored) {
    out.message = line;
  }
  return out;
}

function readBracket(line: string, out: DmesgLine, clock: LogClock): void {
  let m = RAW.exec(line);
  if (m) {
    out.anchored = true;
    out.monotonic = Number(m[1]);
    out.message = line.slice(m[0].length);
    const j = MONO_JOURNAL.exec(out.message);
    if (j) {
      out.unit = 'kernel';
      out.message = out.message.slice(j[0].length);
    }
    return;
  }
  m = DELTA.exec(line);
  if (m) {
    out.anchored = true;
    out.relative = { delta: Number(m[1] ?? m[2]) };
    out.message = line.slice(m[0].length);
    return;
  }
  m = CTIME.exec(line);
  if (m) {
    const mo = monthNumber(m[1]!);
    if (mo !== undefined) {
      out.anchored = true;
      // dmesg -T prints the node's local time without a zone; taken as UTC.
      const t = utcMs(+m[6]!, mo, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
      if (t !== undefined) out.ms = t;
      out.message = line.slice(m[0].length);
      return;
    }
  }
  m = HUMAN.exec(line);
  if (m) {
    const mo = monthNumber(m[1]!);
    if (mo !== undefined) {
      out.anchored = true;
      out.relative = { anchorMs: clock.yearless(mo, +m[2]!, +m[3]!, +m[4]!, +(m[5] ?? '0')) };
      out.message = line.slice(m[0].length);
      return;
    }
  }
  if (out.anchored) out.message = line;
}

/** `Apr 14 02:46:12 node1 kernel: [123.456] msg` and the journalctl -k variants. */
function readJournal(line: string, out: DmesgLine, clock: LogClock): boolean {
  const p = parseJournalPrefix(line, clock);
  // "2026-…+00:00 EXT4-fs (vdb): msg" also fits the prefix shape; a real prefix names kernel or has a pid.
  if (!p || (p.unit !== 'kernel' && p.pid === undefined)) return false;
  out.anchored = true;
  if (p.unit !== 'kernel') {
    out.foreignUnit = p.unit;
    out.message = p.rest;
    return true;
  }
  out.unit = 'kernel';
  if (p.ms !== undefined) out.ms = p.ms;
  const m = RAW.exec(p.rest);
  if (m) {
    out.monotonic = Number(m[1]);
    out.message = p.rest.slice(m[0].length);
  } else {
    out.message = p.rest;
  }
  return true;
}
