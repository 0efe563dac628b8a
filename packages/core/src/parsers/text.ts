import type { ProbeId } from '../model/probe-id.ts';
import type { ParseWarning } from '../model/warning.ts';

/**
 * Small string helpers shared by the structured parsers. They avoid regular expressions on the
 * hot paths because the biggest artifacts (mount tables, process lists) have tens of thousands
 * of lines and are parsed on every snapshot.
 */

/** Lines of an artifact, without trailing `\r`; index i is line i + 1. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  // A final newline does not start another line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Non-negative decimal integer made only of digits, else undefined. */
export function parseUint(s: string): number | undefined {
  if (s.length === 0 || s.length > 16) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}

/** parseUint of text[start, end) without cutting it out. */
export function parseUintAt(text: string, start: number, end: number): number | undefined {
  const len = end - start;
  if (len <= 0 || len > 16) return undefined;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}

/** A finite decimal number (optionally signed, optionally fractional), else undefined. */
export function parseDecimal(s: string): number | undefined {
  if (s.length === 0 || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Whitespace-separated tokens with their start/end offsets in the line. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    let c = line.charCodeAt(i);
    while (i < n && (c === 32 || c === 9)) c = line.charCodeAt(++i);
    if (i >= n) break;
    const start = i;
    while (i < n && c !== 32 && c !== 9) c = line.charCodeAt(++i);
    out.push({ text: line.slice(start, i), start, end: i });
  }
  return out;
}

/** Splits on runs of two or more spaces (tables whose cells contain single spaces). */
export function splitWide(line: string): string[] {
  return line
    .trim()
    .split(/ {2,}|\t+/)
    .filter((s) => s.length > 0);
}

/**
 * Collects warnings for one parse, capped so that a garbage artifact of 50,000 lines yields a
 * readable list plus one summary instead of 50,000 entries.
 */
export class Warnings {
  readonly list: ParseWarning[] = [];
  private dropped = 0;
  constructor(
    private readonly probe: ProbeId,
    private readonly cap = 200,
  ) {}

  add(message: string, line?: number): void {
    if (this.list.length >= this.cap) {
      this.dropped++;
      return;
    }
    this.list.push(
      line === undefined ? { probe: this.probe, message } : { probe: this.probe, line, message },
    );
  }

  /** The warnings, with a final summary when some were dropped. */
  done(): ParseWarning[] {
    if (this.dropped > 0) {
      this.list.push({ probe: this.probe, message: `${this.dropped} more warnings not shown` });
      this.dropped = 0;
    }
    return this.list;
  }
}

/** Shortens untrusted text quoted inside a warning. */
export function excerpt(s: string, max = 80): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}

/** A `## title` section of a sectioned probe output. `line` is the header's 1-based line. */
export interface Section {
  title: string;
  line: number;
  /** Index into the artifact's lines of the first body line. */
  from: number;
  /** Index one past the last body line. */
  to: number;
}

/**
 * Splits probe output into `## ` sections. Lines before the first header form a section with
 * an empty title and line 0, so bare pasted text is handled by the same code.
 */
export function splitSections(lines: readonly string[], isHeader = defaultHeader): Section[] {
  const out: Section[] = [];
  let cur: Section = { title: '', line: 0, from: 0, to: 0 };
  for (let i = 0; i < lines.length; i++) {
    if (isHeader(lines[i]!)) {
      cur.to = i;
      if (cur.line !== 0 || cur.to > cur.from) out.push(cur);
      cur = { title: lines[i]!.slice(3).trim(), line: i + 1, from: i + 1, to: i + 1 };
    }
  }
  cur.to = lines.length;
  if (cur.line !== 0 || cur.to > cur.from) out.push(cur);
  return out;
}

function defaultHeader(line: string): boolean {
  return line.startsWith('## ');
}

/** `key=value` at the start of a line, e.g. `ping_rc=124`; undefined when the line is not one. */
export function keyValue(line: string): [string, string] | undefined {
  const eq = line.indexOf('=');
  if (eq <= 0) return undefined;
  const key = line.slice(0, eq);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return undefined;
  return [key, line.slice(eq + 1)];
}
