import type { LogEvent } from '../model/node-state.ts';
import type { ParseResult, ParseWarning } from '../model/warning.ts';
import { isJournalMarker, type JournalPrefix, parseJournalPrefix } from './journal-prefix.ts';
import { type KlogHeader, parseKlogHeader, splitKlogMessage } from './klog.ts';
import { parseKubeletJson } from './kubelet-json.ts';
import { forEachLine, isBlank } from './line-reader.ts';
import type { LogContext } from './log-context.ts';
import { LogClock, toIso, utcMs } from './log-time.ts';
import { SkippedUnits, unitFamily } from './unit-filter.ts';

const GLOG_CREATED = /^Log file created at: (\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const GLOG_HEADER = /^(?:Running on machine: |Binary: Built with |Log line format: \[IWEF\]mmdd)/;

/** systemd lines worth keeping in a kubelet log: the ones about the kubelet unit. */
const SYSTEMD_ABOUT_KUBELET = /kubelet|Kubernetes/i;

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
  let open: LogEvent | undefined;
  let openPid: string | undefined;
  // Raw text after the klog header of the open structured record, for re-parsing wrapped lines.
  let openRest: string | undefined;
  // After a skipped line from another unit, its wrapped continuation lines are skipped too.
  let skipping = false;

  forEachLine(text, (raw, lineNo) => {
    if (isBlank(raw)) return;
    if (
      raw.charCodeAt(0) === 76 /* L */ ||
      raw.charCodeAt(0) === 82 /* R */ ||
      raw.charCodeAt(0) === 66 /* B */
    ) {
      // glog's file header: four lines before the first klog line of a kubelet.INFO file.
      const created = GLOG_CREATED.exec(raw);
      if (created) {
        const t = utcMs(+created[1]!, +created[2]!, +created[3]!, +created[4]!, +created[5]!, +created[6]!);
        if (t !== undefined) clock.startedAt(t);
        return;
      }
      if (GLOG_HEADER.test(raw)) return;
    }
    if (isJournalMarker(raw)) {
      open = undefined;
      return;
    }
    const prefix = parseJournalPrefix(raw, clock);
    let body = raw;
    if (prefix) {
      const family = unitFamily(prefix.unit);
      const keep =
        family === 'kubelet' ||
        family === 'other' ||
        (family === 'systemd' && SYSTEMD_ABOUT_KUBELET.test(prefix.rest));
      skipping = !keep;
      if (!keep) {
        skipped.add(prefix.unit);
        open = undefined;
        return;
      }
      body = prefix.rest;
    }
    const klog = parseKlogHeader(body);
    if (klog) skipping = false;
    else if (skipping) return;
    const json = klog ? undefined : parseKubeletJson(body);
    if (json) {
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
      events.push(ev);
      open = ev;
      openPid = pid;
      openRest = undefined;
      return;
    }
    if (!klog) {
      if (open && (!prefix || foldsIntoOpen(open, openPid, prefix))) {
        // A soft-wrapped line rejoins with a space so phrases like "PLEG is not healthy" stay
        // matchable; indented lines and stack dumps keep their line structure.
        const next = prefix ? prefix.rest : raw;
        const c = next.charCodeAt(0);
        const keepLines = prefix !== undefined || c === 32 || c === 9 || open.level === 'F';
        open.lineCount++;
        if (!keepLines && openRest !== undefined) {
          // A structured line wrapped inside a quoted value: parse the rejoined line again.
          openRest += ` ${next}`;
          const again = splitKlogMessage(openRest);
          open.message = again.message;
          if (again.fields) open.fields = { pid: open.fields?.pid ?? '', ...again.fields };
          return;
        }
        open.message += (keepLines ? '\n' : ' ') + next;
        return;
      }
      const ev: LogEvent = { probe: 'kubelet-log', line: lineNo, lineCount: 1, message: body };
      if (prefix) applyPrefix(ev, prefix);
      events.push(ev);
      open = prefix ? ev : undefined;
      openPid = prefix?.pid;
      openRest = undefined;
      return;
    }
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
    events.push(ev);
    open = ev;
    openPid = pid;
    openRest = klog.rest.charCodeAt(0) === 34 ? klog.rest : undefined;
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
function foldsIntoOpen(open: LogEvent, openPid: string | undefined, prefix: JournalPrefix): boolean {
  if (open.unit !== prefix.unit || openPid !== prefix.pid) return false;
  const c = prefix.rest.charCodeAt(0);
  if (c === 32 || c === 9) return true;
  return open.level === 'F';
}
