import type { LogEvent } from '../model/node-state.ts';
import type { ParseResult, ParseWarning } from '../model/warning.ts';
import { isJournalMarker, type JournalPrefix, parseJournalPrefix } from './journal-prefix.ts';
import { forEachLine, isBlank } from './line-reader.ts';
import type { LogContext } from './log-context.ts';
import { LogClock, parseIsoTime, toIso } from './log-time.ts';
import { parseRuntimeBody } from './runtime-body.ts';
import { SkippedUnits, unitFamily } from './unit-filter.ts';

const SYSTEMD_ABOUT_RUNTIME = /containerd|docker|crio|cri-o/i;
// Without a journal prefix, these starts mark a new record (containerd/dockerd run in a terminal or to a file).
const BARE_START = /^(?:\{|time="?\d|level=|(?:ERRO|WARN|INFO|DEBU|FATA|PANI|TRAC)\[|\d{4}-\d{2}-\d{2}T)/;
const BARE_ISO = /^(\d{4}-\d{2}-\d{2}T\S{8,40}) /;

interface OpenRecord {
  ev: LogEvent;
  body: string;
  prefix?: JournalPrefix;
}

/**
 * containerd / dockerd / CRI-O journal or log file: logfmt, JSON lines and the TTY format,
 * with or without a journal/syslog prefix. A record's body is parsed when the record is
 * complete, so a JSON or logfmt line wrapped over several lines still parses.
 */
export function parseRuntimeLog(text: string, ctx?: LogContext): ParseResult<LogEvent[]> {
  const clock = new LogClock(ctx);
  const events: LogEvent[] = [];
  const warnings: ParseWarning[] = [];
  const skipped = new SkippedUnits();
  let open: OpenRecord | undefined;
  let skipping = false;

  const close = () => {
    if (open) finish(open);
    open = undefined;
  };

  forEachLine(text, (raw, lineNo) => {
    if (isBlank(raw)) return;
    if (isJournalMarker(raw)) {
      close();
      return;
    }
    const prefix = parseJournalPrefix(raw, clock);
    if (prefix) {
      const family = unitFamily(prefix.unit);
      const keep =
        family === 'runtime' ||
        family === 'other' ||
        (family === 'systemd' && SYSTEMD_ABOUT_RUNTIME.test(prefix.rest));
      skipping = !keep;
      if (!keep) {
        skipped.add(prefix.unit);
        close();
        return;
      }
    } else if (skipping) {
      return;
    }
    const body = prefix ? prefix.rest : raw;
    const anchored = prefix !== undefined || BARE_START.test(body);
    if (!anchored || (prefix && open?.prefix && continuesPrefixed(open, prefix))) {
      if (open) {
        const indented = body.charCodeAt(0) === 32 || body.charCodeAt(0) === 9;
        open.body += (indented ? '\n' : ' ') + (prefix ? body : raw);
        open.ev.lineCount++;
        return;
      }
      // Bare text with nothing to continue: one event per line.
      events.push({ probe: 'runtime-log', line: lineNo, lineCount: 1, message: raw });
      return;
    }
    close();
    const ev: LogEvent = { probe: 'runtime-log', line: lineNo, lineCount: 1, message: '' };
    events.push(ev);
    open = prefix ? { ev, body, prefix } : { ev, body };
  });
  close();

  const s = skipped.summary();
  if (s) warnings.push({ probe: 'runtime-log', message: s });
  if (clock.missingYear) {
    warnings.push({
      probe: 'runtime-log',
      message: 'timestamps carry no year and no reference time was given: times left empty',
    });
  }
  return { value: events, warnings };
}

/** Indented journal lines from the same process continue the record (goroutine dumps, multi-line errors). */
function continuesPrefixed(open: OpenRecord, prefix: JournalPrefix): boolean {
  const c = prefix.rest.charCodeAt(0);
  return (c === 32 || c === 9) && open.prefix?.unit === prefix.unit && open.prefix.pid === prefix.pid;
}

function finish(rec: OpenRecord): void {
  const { ev, prefix } = rec;
  let body = rec.body;
  let bareMs: number | undefined;
  if (!prefix) {
    // CRI-O and containerd writing to a file: "2026-11-22T10:00:00.123Z level=… msg=…" or plain text after the time.
    const m = BARE_ISO.exec(body);
    const t = m ? parseIsoTime(m[1]!) : undefined;
    if (m && t) {
      bareMs = t.ms;
      body = body.slice(m[0].length);
    }
  }
  const parsed = parseRuntimeBody(body);
  ev.message = parsed.message;
  if (parsed.level !== undefined) ev.level = parsed.level;
  if (prefix) ev.unit = prefix.unit;
  // The record's own RFC 3339 time is zoned and sub-second; the journal prefix is the fallback.
  const ms = parsed.ms ?? bareMs ?? prefix?.ms;
  const iso = toIso(ms);
  if (iso !== undefined) ev.time = iso;
  const fields = parsed.fields ?? {};
  if (prefix?.pid !== undefined && fields.pid === undefined) fields.pid = prefix.pid;
  if (Object.keys(fields).length > 0) ev.fields = fields;
}
