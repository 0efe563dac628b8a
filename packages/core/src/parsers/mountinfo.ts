import type { MountEntry, MountNamespace } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { NextIndex, OptionCache, parseMountinfoAt, parseMountinfoLine } from './mountinfo-line.ts';
import { excerpt, parseUint, splitLines, Warnings } from './text.ts';

/**
 * Parses one mount table (the `mountinfo` probe or a pasted /proc/<pid>/mountinfo).
 * Garbled lines are skipped with a warning naming their line; blank lines are ignored.
 */
export function parseMountinfo(text: string): ParseResult<MountEntry[]> {
  const w = new Warnings('mountinfo');
  const out: MountEntry[] = [];
  const cache = new OptionCache();
  const seps = new NextIndex(text, ' - ');
  // Walks the text by offsets: no array of 26,000 line strings, no substring per line. Line
  // numbering and CR handling match splitLines.
  const n = text.length;
  let lineNo = 0;
  for (let start = 0; start < n; ) {
    lineNo++;
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = n;
    const next = nl + 1;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const c = text.charCodeAt(start);
    // A line starting with a digit is not blank; only others need the (allocating) trim check.
    if (end > start && ((c >= 48 && c <= 57) || text.slice(start, end).trim().length > 0)) {
      const r = parseMountinfoAt(text, start, end, lineNo, cache, seps.from(start));
      if (typeof r === 'string')
        w.add(`skipped mountinfo line: ${r}: ${excerpt(text.slice(start, end))}`, lineNo);
      else out.push(r);
    }
    start = next;
  }
  return { value: out, warnings: w.done() };
}

function parseRange(lines: readonly string[], from: number, to: number, w: Warnings): MountEntry[] {
  const out: MountEntry[] = [];
  const cache = new OptionCache();
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.length === 0 || line.trim().length === 0) continue;
    const r = parseMountinfoLine(line, i + 1, cache);
    if (typeof r === 'string') w.add(`skipped mountinfo line: ${r}: ${excerpt(line)}`, i + 1);
    else out.push(r);
  }
  return out;
}

/**
 * Parses the `mountinfo-ns` probe: blocks headed `## ns=mnt:[4026532201] pid=123 comm=fluent-bit`,
 * each followed by that process's mountinfo. Mount lines before the first header (a pasted host
 * table) become the host namespace. Line numbers refer to the whole artifact.
 */
export function parseMountinfoNs(text: string): ParseResult<MountNamespace[]> {
  const w = new Warnings('mountinfo-ns');
  const lines = splitLines(text);
  const out: MountNamespace[] = [];
  let start = 0;
  let header: Omit<MountNamespace, 'mounts'> = { nsId: 'host', isHost: true, line: 1, probe: 'mountinfo-ns' };
  const flush = (end: number) => {
    const mounts = parseRange(lines, start, end, w);
    // A headerless preamble or an unreadable header with no mounts is not a namespace; a valid
    // header with no mounts is kept (the process exited between listing and reading).
    const known = !header.isHost && !header.nsId.startsWith('unknown@');
    if (known || mounts.length > 0) out.push({ ...header, mounts });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('## ')) continue;
    flush(i);
    header = parseHeader(line, i + 1, w);
    start = i + 1;
  }
  flush(lines.length);
  return { value: out, warnings: w.done() };
}

function parseHeader(line: string, lineNo: number, w: Warnings): Omit<MountNamespace, 'mounts'> {
  const ns = field(line, 'ns=', ' pid=');
  const pidText = field(line, 'pid=', ' comm=');
  const commAt = line.indexOf(' comm=');
  const comm = commAt < 0 ? undefined : line.slice(commAt + 6).trim();
  const nsId = normaliseNsId(ns);
  const pid = pidText === undefined ? undefined : parseUint(pidText.trim());
  if (nsId === undefined) w.add(`namespace header without a namespace id: ${excerpt(line)}`, lineNo);
  if (pidText !== undefined && pid === undefined)
    w.add(`namespace header with a bad pid: ${excerpt(line)}`, lineNo);
  const h: Omit<MountNamespace, 'mounts'> = {
    nsId: nsId ?? `unknown@${lineNo}`,
    isHost: false,
    line: lineNo,
    probe: 'mountinfo-ns',
  };
  if (pid !== undefined) h.pid = pid;
  if (comm) h.comm = comm;
  return h;
}

/** Value of `key` up to `next` (or the next space, or the end of the line). */
function field(line: string, key: string, next: string): string | undefined {
  const at = line.indexOf(key);
  if (at < 0) return undefined;
  const from = at + key.length;
  let end = line.indexOf(next, from);
  if (end < 0) end = line.indexOf(' ', from);
  return line.slice(from, end < 0 ? line.length : end);
}

/** `mnt:[4026532201]` (readlink of /proc/<pid>/ns/mnt), `[4026532201]` or `4026532201`. */
export function normaliseNsId(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let s = raw.trim();
  if (s.startsWith('mnt:')) s = s.slice(4);
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  return /^\d+$/.test(s) ? s : undefined;
}
