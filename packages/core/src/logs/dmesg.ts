import type { LogEvent } from '../model/node-state.ts';
import type { ParseResult, ParseWarning } from '../model/warning.ts';
import { continuesBlock, isNewReport, startsBlock } from './dmesg-blocks.ts';
import { type DmesgLine, parseDmesgLine } from './dmesg-line.ts';
import { isJournalMarker } from './journal-prefix.ts';
import { forEachLine, isBlank } from './line-reader.ts';
import type { LogContext } from './log-context.ts';
import { LogClock, toIso } from './log-time.ts';
import { SkippedUnits } from './unit-filter.ts';

/**
 * Kernel log in any of the shapes engineers paste: raw dmesg, dmesg -T (any locale),
 * --time-format iso, -H/-e relative, -r/-x, syslog `kernel:` lines and journalctl -k.
 * Multi-line reports fold into one event; unprefixed lines continue the previous record.
 */
const PARTIAL_STAMP = /^(?:\[ *\+?[\d.]{0,20}|\d{4}-[\d:T,.+-]{0,30})$/;

export function parseDmesg(text: string, ctx?: LogContext): ParseResult<LogEvent[]> {
  const clock = new LogClock(ctx);
  const events: LogEvent[] = [];
  const warnings: ParseWarning[] = [];
  const skipped = new SkippedUnits();
  let open: LogEvent | undefined;
  // Inside a multi-line report (SLUB, hung task, WARNING…): timestamped continuation lines fold in.
  let inBlock = false;
  // dmesg -H/-e: time of the previous line, advanced by each "+delta".
  let relativeMs: number | undefined;

  forEachLine(text, (raw, lineNo) => {
    if (isBlank(raw)) return;
    if (isJournalMarker(raw)) {
      open = undefined;
      inBlock = false;
      return;
    }
    const d = parseDmesgLine(raw, clock);
    if (d.foreignUnit !== undefined) {
      skipped.add(d.foreignUnit);
      open = undefined;
      inBlock = false;
      return;
    }
    const ms = lineTime(d, clock, relativeMs);
    if (d.relative) relativeMs = ms;
    // A last line cut inside its timestamp ("[  2.0000") is a record of its own, not a wrap.
    if (!d.anchored && !PARTIAL_STAMP.test(raw)) {
      // A wrapped line: continues whatever record is open; a log without timestamps stays one event per line.
      if (open) {
        // Soft wraps rejoin with a space so "SLUB: Unable to allocate memory" stays one phrase.
        const c = raw.charCodeAt(0);
        appendLine(open, raw, c === 32 || c === 9 ? '\n' : ' ');
        return;
      }
      events.push({ probe: 'dmesg', line: lineNo, lineCount: 1, message: raw });
      return;
    }
    if (open && inBlock && !isNewReport(d.message) && continuesBlock(d.message)) {
      appendLine(open, d.message, '\n');
      return;
    }
    const ev: LogEvent = { probe: 'dmesg', line: lineNo, lineCount: 1, message: d.message };
    const iso = toIso(ms);
    if (iso !== undefined) ev.time = iso;
    if (d.monotonic !== undefined) ev.monotonic = d.monotonic;
    if (d.level !== undefined) ev.level = d.level;
    if (d.unit !== undefined) ev.unit = d.unit;
    events.push(ev);
    open = ev;
    inBlock = startsBlock(d.message);
  });

  const s = skipped.summary();
  if (s) warnings.push({ probe: 'dmesg', message: s });
  if (clock.missingYear) {
    warnings.push({
      probe: 'dmesg',
      message: 'timestamps carry no year and no reference time was given: times left empty',
    });
  }
  return { value: events, warnings };
}

function appendLine(ev: LogEvent, message: string, sep: string): void {
  ev.message += sep + message;
  ev.lineCount++;
}

function lineTime(d: DmesgLine, clock: LogClock, relativeMs: number | undefined): number | undefined {
  if (d.ms !== undefined) return d.ms;
  if (d.relative) {
    if (d.relative.anchorMs !== undefined) return d.relative.anchorMs;
    if (d.relative.delta !== undefined && relativeMs !== undefined)
      return relativeMs + Math.round(d.relative.delta * 1000);
    return undefined;
  }
  if (d.monotonic !== undefined) return clock.fromMonotonic(d.monotonic);
  return undefined;
}
