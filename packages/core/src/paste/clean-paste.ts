import { isNodeLine } from './line-shapes.ts';

/**
 * Text as it reaches us from issue trackers and chat: Markdown fences, `> ` quotes, bold
 * markers, HTML entities, `grep -n` line numbers and elision lines around the node output.
 * Returns the lines of node output only, in order; everything linear in the text size.
 */

/** A fence line on its own (with an optional language tag) is dropped. */
const FENCE = /^\s*(?:```|~~~)[\w+-]*\s*$/;
/** Fences glued to content ("```Dec 29 …", "… ok```") are taken off, the content kept. */
const GLUED_FENCE = /^\s*(?:```|~~~)|(?:```|~~~)\s*$/g;
const QUOTE = /^(?:\s{0,3}>)+ ?/;
/** A whole line in inline code, often as a list item: "* `{"level":"error",…}`". */
const INLINE_CODE_LINE = /^\s{0,8}(?:[*+-]\s+)?`([^`]+)`\s*$/;
const BOLD = /\*\*|__/g;
const ELISION = /^\s*(?:\.{3,}|…|\[\.\.\.\]|\(\.\.\.\)|<snip>|\[snip\]|-- ?snip ?--)\s*$/i;
const ENTITIES: Record<string, string> = {
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};
const ENTITY = /&(?:gt|lt|amp|quot|#39);/g;
/** `grep -n` (and `grep -rn`, `grep -Hn`) prefixes: `123:` or `/var/log/messages:123:`. */
const GREP_N = /^(?:[\w./@-]+:)?\d{1,9}[:-](?=\S)/;
const GREP_FILE = /^\/[\w./@-]+:(?=\S)/;

export interface CleanedPaste {
  lines: string[];
  /** What was removed, for the warnings the reader sees. */
  notes: string[];
}

function strip(line: string): string {
  let s = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (s.includes('\x1b')) s = s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  if (s.startsWith('>') || s.startsWith(' >') || s.startsWith('  >')) s = s.replace(QUOTE, '');
  if (s.includes('**') || s.includes('__')) s = s.replace(BOLD, '');
  if (s.includes('&')) s = s.replace(ENTITY, (e) => ENTITIES[e] ?? e);
  if ((s.includes('```') || s.includes('~~~')) && !FENCE.test(s)) s = s.replace(GLUED_FENCE, '');
  else if (s.endsWith('`') && s.length < 65_536) {
    const m = INLINE_CODE_LINE.exec(s);
    if (m) s = m[1]!;
  }
  return s;
}

/** A share of the lines carry a grep prefix: most of them, and at least two. */
function prefixShare(lines: readonly string[], re: RegExp): boolean {
  let n = 0;
  let with_ = 0;
  for (const l of lines) {
    if (l.trim() === '') continue;
    n++;
    if (re.test(l)) with_++;
  }
  return with_ >= 2 && with_ >= n * 0.6;
}

/** Where a log line of the usual kinds starts: dmesg, syslog/journal, klog, Talos kmsg. */
const LOG_START =
  /^(?:\[ *\d+\.\d+\]|\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d [\d:]{8} \d{4}\]|[A-Z][a-z]{2} [ \d]\d [\d:]{8}(?:\.\d{1,9})? |[IWEF]\d{4} [\d:]{8}\.\d{6} |\d{4}-\d{2}-\d{2}T[\d:]{8}|\S+: kern: )/;
/** Columns at which mail clients and trackers wrap quoted text. */
const WRAP_MIN = 60;

/** A record's first line: a log prefix, after at most two spaces a poster put in front. */
function startsRecord(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c !== 32) return LOG_START.test(line);
  return LOG_START.test(line.charCodeAt(1) === 32 ? line.slice(2, 200) : line.slice(1, 200));
}

function isContinuation(head: string, joinedLength: number, line: string): boolean {
  const c = line.charCodeAt(0);
  return (
    joinedLength >= WRAP_MIN &&
    joinedLength < 4096 &&
    line.length > 0 &&
    line.length < 400 &&
    c !== 32 &&
    c !== 9 &&
    startsRecord(head) &&
    !LOG_START.test(line) &&
    !/^(?:[#$>]|\S+@\S+|\[|```|goroutine |Call Trace)/.test(line) &&
    !isNodeLine(line)
  );
}

/**
 * The column a terminal or fixed-width viewer cut the lines at: most wrapped pieces have the
 * same length. Such a cut loses no character, so the pieces join without a space; a mail
 * client wraps at word boundaries instead, dropping the space it broke at.
 */
function cutColumn(lines: readonly string[], continues: readonly boolean[]): number | undefined {
  const counts = new Map<number, number>();
  let total = 0;
  for (let r = 1; r < lines.length; r++) {
    if (!continues[r]) continue;
    const len = lines[r - 1]!.trimStart().length;
    counts.set(len, (counts.get(len) ?? 0) + 1);
    total++;
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [len, n] of counts)
    if (n > bestCount) {
      best = len;
      bestCount = n;
    }
  return best !== undefined && bestCount >= 2 && bestCount >= total * 0.8 ? best : undefined;
}

/**
 * Joins lines that a mail client, tracker or terminal wrapped: the record before starts with
 * a log prefix and is long, and this line starts without indentation and without any log
 * prefix of its own.
 */
function joinHardWraps(lines: string[]): number {
  const continues: boolean[] = new Array(lines.length).fill(false);
  let head: string | undefined;
  let joinedLength = 0;
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r]!;
    if (head !== undefined && isContinuation(head, joinedLength, line)) {
      continues[r] = true;
      joinedLength += line.length + 1;
    } else {
      head = line;
      joinedLength = line.length;
    }
  }
  const cut = cutColumn(lines, continues);
  let joined = 0;
  let w = 0;
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r]!;
    if (continues[r] && w > 0) {
      const piece = lines[r - 1]!;
      const last = piece.charCodeAt(piece.length - 1);
      // Nothing was lost at a fixed column, after a kept space, or after a hyphen.
      const tight = piece.trimStart().length === cut || last === 32 || last === 45;
      lines[w - 1] = tight ? `${lines[w - 1]}${line}` : `${lines[w - 1]} ${line}`;
      joined++;
    } else lines[w++] = line;
  }
  lines.length = w;
  return joined;
}

export function cleanPaste(text: string): CleanedPaste {
  const notes: string[] = [];
  const out: string[] = [];
  let start = 0;
  let fences = 0;
  let elisions = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    start = end + 1;
    const line = strip(raw);
    if (FENCE.test(line)) {
      fences++;
      continue;
    }
    if (ELISION.test(line)) {
      elisions++;
      continue;
    }
    out.push(line);
    if (end === text.length) break;
  }
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  if (fences > 0) notes.push(`${fences} Markdown fence line(s) ignored`);
  if (elisions > 0) notes.push(`${elisions} elision line(s) ("...") ignored`);
  const joined = joinHardWraps(out);
  if (joined > 0) notes.push(`${joined} hard-wrapped line(s) joined to the line before`);
  // grep prefixes are only taken off when most lines have them: a lone "12:" is content.
  for (const re of [GREP_N, GREP_FILE]) {
    if (!prefixShare(out, re)) continue;
    for (let i = 0; i < out.length; i++) out[i] = out[i]!.replace(re, '');
    notes.push('grep file names / line numbers taken off');
  }
  return { lines: out, notes };
}
