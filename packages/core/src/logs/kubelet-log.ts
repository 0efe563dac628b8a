import type { LogEvent } from '../model/node-state.ts';
import type { ParseResult, ParseWarning } from '../model/warning.ts';
import { isJournalMarker, type JournalPrefix, parseJournalPrefix } from './journal-prefix.ts';
import { type KlogHeader, parseKlogHeader, splitKlogMessage } from './klog.ts';
import { type KubeletJson, parseKubeletJson } from './kubelet-json.ts';
import { forEachLine, isBlank } from './line-reader.ts';
import type { LogContext } from './log-context.ts';
import { LogClock, toIso, utcMs } from './log-time.ts';
import { SkippedUnits, unitFamily } from './unit-filter.ts';

const GLOG_CREATED = /^Log file created at: (\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const GLOG_HEADER = /^(?:Running on machine: |Binary: Built with |Log line format: \[IWEF\]mmdd)/;

/** Longest structured record re-read as a whole when a wrapped line joins it. */
const MAX_REPARSED_RECORD = 16 * 1024;

/** systemd lines worth keeping in a kubelet log: the ones about the kubelet unit. */
const SYSTEMD_ABOUT_KUBELET = /kubelet|Kubernetes/i;
/**
 * PID 1 about its own bus ("Failed to set up API bus: Connection timed out", "Looping too
 * fast"): evidence that systemd cannot answer kubelet's D-Bus calls, kept with kubelet's log.
 */
const SYSTEMD_ABOUT_ITS_BUS = /API bus|Looping too fast|org\.freedesktop\.systemd1|Connection timed out/;

/**
 * Kubelet journal or log file: klog lines (plain or structured), with or without a
 * journalctl/syslog prefix, plus the systemd lines about the kubelet unit (restart loops).
 * Lines without any prefix or header continue the previous record (wrapped lines, stack dumps).
 */
export function parseKubeletLog(text: string, ctx?: LogContext): ParseResult<LogEvent[]> {
  const clock = new LogClock(ctx);
  const events: LogEvent[] = [];
  const warnings: ParseWarning[] = [];
  const skipped = new SkippedUnits();
  // The record that continuation lines fold into; only records that began with a recognised
  // prefix or klog header take continuations, so a log of bare lines stays one event per line.
  let open: OpenRecord | undefined;
  // After a skipped line from another unit, its wrapped continuation lines are skipped too.
  let skipping = false;

  forEachLine(text, (raw, lineNo) => {
    if (isBlank(raw) || readGlogHeader(raw, clock)) return;
    if (isJournalMarker(raw)) {
      open = undefined;
      return;
    }
    const prefix = parseJournalPrefix(raw, clock);
    if (prefix) {
      const family = unitFamily(prefix.unit);
      skipping = !(
        family === 'kubelet' ||
        family === 'other' ||
        (family === 'systemd' &&
          (SYSTEMD_ABOUT_KUBELET.test(prefix.rest) || SYSTEMD_ABOUT_ITS_BUS.test(prefix.rest)))
      );
      if (skipping) {
        skipped.add(prefix.unit);
        open = undefined;
        return;
      }
    }
    const body = prefix ? prefix.rest : raw;
    const klog = parseKlogHeader(body);
    if (klog) {
      skipping = false;
      open = fromKlog(klog, lineNo, prefix, clock);
      events.push(open.ev);
      return;
    }
    if (skipping) return;
    const json = parseKubeletJson(body);
    if (json) {
      open = fromJson(json, lineNo, prefix);
      events.push(open.ev);
      return;
    }
    if (open && (!prefix || foldsIntoOpen(open, prefix))) {
      appendLine(open, body, prefix !== undefined);
      return;
    }
    const ev: LogEvent = { probe: 'kubelet-log', line: lineNo, lineCount: 1, message: body };
    if (prefix) applyPrefix(ev, prefix);
    events.push(ev);
    open = prefix ? { ev, pid: prefix.pid } : undefined;
  });

  const s = skipped.summary();
  if (s) warnings.push({ probe: 'kubelet-log', message: s });
  if (clock.missingYear) {
    warnings.push({
      probe: 'kubelet-log',
      message: 'timestamps carry no year and no reference time was given: times left empty',
    });
  }
  return { value: events, warnings };
}

interface OpenRecord {
  ev: LogEvent;
  pid: string | undefined;
  /** Raw text after the klog header of a structured record, to re-parse when a wrapped line arrives. */
  rest?: string;
}

/** glog's file header (four lines before the first klog line of a kubelet.INFO file). */
function readGlogHeader(raw: string, clock: LogClock): boolean {
  const c = raw.charCodeAt(0);
  if (c !== 76 && c !== 82 && c !== 66) return false; // L R B
  const created = GLOG_CREATED.exec(raw);
  if (created) {
    const t = utcMs(+created[1]!, +created[2]!, +created[3]!, +created[4]!, +created[5]!, +created[6]!);
    if (t !== undefined) clock.startedAt(t);
    return true;
  }
  return GLOG_HEADER.test(raw);
}

function fromKlog(
  klog: KlogHeader,
  lineNo: number,
  prefix: JournalPrefix | undefined,
  clock: LogClock,
): OpenRecord {
  const { message, fields } = splitKlogMessage(klog.rest);
  const pid = prefix?.pid ?? klog.pid;
  // The journal's time wins: it has the date (and with short-iso the zone); klog has neither
  // year nor zone but has microseconds, which relist-gap timing needs.
  const ms =
    prefix?.ms !== undefined
      ? withKlogFraction(prefix.ms, klog)
      : clock.yearless(klog.month, klog.day, klog.hour, klog.minute, klog.second, klog.millis);
  const ev: LogEvent = {
    probe: 'kubelet-log',
    line: lineNo,
    lineCount: 1,
    level: klog.level,
    sourceLoc: klog.sourceLoc,
    message,
  };
  if (prefix) ev.unit = prefix.unit;
  const time = toIso(ms);
  if (time !== undefined) ev.time = time;
  const f = fields ?? { pid };
  if (f.pid === undefined) f.pid = pid;
  ev.fields = f;
  const rec: OpenRecord = { ev, pid };
  if (klog.rest.charCodeAt(0) === 34) rec.rest = klog.rest;
  return rec;
}

function fromJson(json: KubeletJson, lineNo: number, prefix: JournalPrefix | undefined): OpenRecord {
  const ev: LogEvent = {
    probe: 'kubelet-log',
    line: lineNo,
    lineCount: 1,
    level: json.level,
    message: json.message,
  };
  if (json.sourceLoc !== undefined) ev.sourceLoc = json.sourceLoc;
  if (prefix) ev.unit = prefix.unit;
  const time = toIso(json.ms ?? prefix?.ms);
  if (time !== undefined) ev.time = time;
  const pid = prefix?.pid;
  if (pid !== undefined && json.fields.pid === undefined) json.fields.pid = pid;
  ev.fields = json.fields;
  return { ev, pid };
}

/**
 * A soft-wrapped line rejoins with a space so phrases like "PLEG is not healthy" stay
 * matchable; prefixed, indented and stack-dump lines keep their line structure.
 */
function appendLine(open: OpenRecord, next: string, prefixed: boolean): void {
  const { ev } = open;
  const c = next.charCodeAt(0);
  const keepLines = prefixed || c === 32 || c === 9 || ev.level === 'F';
  ev.lineCount++;
  // Re-reading the whole record on every wrapped line is quadratic in its length: past a few
  // KB (a real wrapped message is a few lines) the rest is appended as plain text.
  if (open.rest !== undefined && open.rest.length + next.length > MAX_REPARSED_RECORD) open.rest = undefined;
  if (!keepLines && open.rest !== undefined) {
    // A structured line wrapped inside a quoted value: parse the rejoined line again.
    open.rest += ` ${next}`;
    const again = splitKlogMessage(open.rest);
    ev.message = again.message;
    if (again.fields) ev.fields = { pid: ev.fields?.pid ?? '', ...again.fields };
    return;
  }
  ev.message += (keepLines ? '\n' : ' ') + next;
}

/**
 * A whole-second journal time refined with the klog line's milliseconds. klog prints node local
 * time, which differs from UTC by a multiple of 15 minutes, so the two agree on the second and
 * on the minute modulo 15 when they describe the same instant.
 */
function withKlogFraction(prefixMs: number, klog: KlogHeader): number {
  if (prefixMs % 1000 !== 0 || klog.millis === undefined) return prefixMs;
  const totalSeconds = prefixMs / 1000;
  const second = ((totalSeconds % 60) + 60) % 60;
  const minute = ((Math.floor(totalSeconds / 60) % 60) + 60) % 60;
  return klog.second === second && klog.minute % 15 === minute % 15 ? prefixMs + klog.millis : prefixMs;
}

function applyPrefix(ev: LogEvent, prefix: JournalPrefix): void {
  ev.unit = prefix.unit;
  const t = toIso(prefix.ms);
  if (t !== undefined) ev.time = t;
  if (prefix.pid !== undefined) ev.fields = { pid: prefix.pid };
}

/**
 * A prefixed line without a klog header still belongs to the open record when it is an
 * indented continuation, or part of the stack dump after a fatal line, from the same process.
 */
function foldsIntoOpen(open: OpenRecord, prefix: JournalPrefix): boolean {
  if (open.ev.unit !== prefix.unit || open.pid !== prefix.pid) return false;
  const c = prefix.rest.charCodeAt(0);
  if (c === 32 || c === 9) return true;
  return open.ev.level === 'F';
}
