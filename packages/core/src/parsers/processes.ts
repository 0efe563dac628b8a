import type { ProcessEntry } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import {
  type ColumnKind,
  columnKind,
  isHeaderTokens,
  PROBE_LAYOUT,
  PS_AUX_LAYOUT,
  PS_ELF_LAYOUT,
  rowFitsLayout,
} from './process-columns.ts';
import { commOf, parseElapsed, parseNumber, parseTopSize, toState } from './process-values.ts';
import { RowTokens } from './row-tokens.ts';
import { parseUint, parseUintAt, splitLines, Warnings } from './text.ts';

export { commOf, parseElapsed } from './process-values.ts';

/**
 * Parses a process table: the `processes` probe (`ps -eo pid,ppid,stat,etimes,nlwp,pcpu,rss,
 * wchan:32,args -ww`) and what engineers paste: `ps aux`, `ps -ef`, `ps -eLf` (one row per
 * thread, folded into one entry per process), `ps axo …` with any known columns, `top -b -n1`
 * (its summary lines are skipped) and header-less `ps aux | grep` excerpts.
 */
export function parseProcesses(text: string): ParseResult<ProcessEntry[]> {
  const w = new Warnings('processes');
  const lines = splitLines(text);
  const out: ProcessEntry[] = [];
  const byPid = new Map<number, ProcessEntry>();
  const row = new RowTokens();
  let table: Table | undefined;
  let headerless: Table | undefined;
  let skippedBeforeHeader = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    row.read(line);
    if (row.count === 0) continue;
    const c0 = line.charCodeAt(row.starts[0]!);
    // Only a line starting with an upper-case word or % can be a header; skip the regex otherwise.
    if ((c0 >= 65 && c0 <= 90) || c0 === 37) {
      const texts = row.texts();
      if (isHeaderTokens(texts)) {
        table = makeTable(texts);
        continue;
      }
    }
    let t = table;
    if (!t) {
      const texts = row.texts();
      headerless ??= guessLayout(texts);
      if (headerless && rowFitsLayout(texts, headerless.names)) t = headerless;
      else {
        skippedBeforeHeader++;
        continue;
      }
    }
    const parsed = parseRow(line, row, t);
    if (typeof parsed === 'string') {
      w.add(parsed, i + 1);
      continue;
    }
    const entry = parsed.entry;
    entry.line = i + 1;
    if (t.hasLwp) {
      // ps -eLf / -T: rows of non-leader threads fold into their process.
      const owner = byPid.get(entry.pid);
      if (owner && parsed.lwp !== entry.pid) {
        if (!t.hasThreads) owner.threads = (owner.threads ?? 1) + 1;
        continue;
      }
      if (!t.hasThreads) entry.threads = 1;
      byPid.set(entry.pid, entry);
    }
    out.push(entry);
  }
  if (out.length === 0 && skippedBeforeHeader > 0) {
    w.add(`no process table found (${skippedBeforeHeader} lines without a PID header)`);
  }
  return { value: out, warnings: w.done() };
}

interface Table {
  names: string[];
  kinds: ColumnKind[];
  /** Index of the column that may contain spaces (the last command column, else the last). */
  wide: number;
  /** Tokens per column: 1, or 5 for `lstart` (`Sat Nov 22 11:02:03 2026`). */
  widths: number[];
  /** Token index where column c starts, counted from the left (c <= wide) or the right end (c > wide). */
  offsets: number[];
  /** Tokens a full row has when the wide column is one word. */
  minTokens: number;
  hasThreads: boolean;
  hasPpid: boolean;
  hasLwp: boolean;
  isTop: boolean;
}

function makeTable(names: string[]): Table {
  const kinds = names.map(columnKind);
  const cmd = kinds.lastIndexOf('command');
  const wide = cmd >= 0 ? cmd : kinds.length - 1;
  const widths = names.map((h) => (h === 'STARTED' || h === 'LSTART' ? 5 : 1));
  const offsets: number[] = [];
  let left = 0;
  for (let c = 0; c <= wide; c++) {
    offsets[c] = left;
    left += widths[c]!;
  }
  let fromEnd = 0;
  for (let c = names.length - 1; c > wide; c--) {
    fromEnd += widths[c]!;
    offsets[c] = fromEnd;
  }
  return {
    names,
    kinds,
    wide,
    widths,
    offsets,
    minTokens: left + fromEnd,
    hasThreads: kinds.includes('threads'),
    hasPpid: kinds.includes('ppid'),
    hasLwp: kinds.includes('lwp'),
    isTop: names.includes('TIME+') || (kinds.includes('res') && kinds.includes('virt')),
  };
}

function guessLayout(texts: string[]): Table | undefined {
  if (rowFitsLayout(texts, PS_AUX_LAYOUT)) return makeTable(PS_AUX_LAYOUT);
  if (rowFitsLayout(texts, PROBE_LAYOUT)) return makeTable(PROBE_LAYOUT);
  if (/^\d{1,3}$/.test(texts[0] ?? '') && rowFitsLayout(texts, PS_ELF_LAYOUT))
    return makeTable(PS_ELF_LAYOUT);
  return undefined;
}

/** Text of column c; a plain function, not a per-row closure (20,000 rows, one closure each). */
function cellText(
  line: string,
  row: RowTokens,
  t: Table,
  c: number,
  wideEnd: number,
  missingCommand: boolean,
): string {
  if (c === t.wide) return missingCommand ? '' : line.slice(row.starts[t.offsets[c]!]!, row.ends[wideEnd]!);
  const first = c < t.wide ? t.offsets[c]! : row.count - t.offsets[c]!;
  const w = t.widths[c]!;
  return line.slice(row.starts[first]!, row.ends[first + w - 1]!);
}

function cellUint(line: string, row: RowTokens, token: number): number | undefined {
  return parseUintAt(line, row.starts[token]!, row.ends[token]!);
}

interface Row {
  entry: ProcessEntry;
  lwp?: number;
}

function parseRow(line: string, row: RowTokens, t: Table): Row | string {
  const n = t.kinds.length;
  const count = row.count;
  let missingCommand = false;
  if (count < t.minTokens) {
    if (count === t.minTokens - 1 && t.wide === n - 1) missingCommand = true;
    else return `process row has ${count} fields, header needs ${t.minTokens}`;
  }
  // The wide column spans whatever the columns to its right leave over.
  const wideEnd = count - 1 - (n - 1 > t.wide ? t.offsets[t.wide + 1]! : 0);

  let pid: number | undefined;
  let ppid: number | undefined;
  let lwp: number | undefined;
  let vsz: number | undefined;
  let stateRaw = '';
  let command = '';
  let elapsed: number | undefined;
  let threads: number | undefined;
  let cpu: number | undefined;
  let rss: number | undefined;
  let wchan: string | undefined;
  let started: string | undefined;
  for (let c = 0; c < n; c++) {
    const kind = t.kinds[c];
    if (kind === 'other') continue;
    // Counters are read in place: their text is not kept.
    if (kind === 'pid' || kind === 'ppid' || kind === 'lwp' || kind === 'threads' || kind === 'rss') {
      const n =
        c !== t.wide && t.widths[c] === 1
          ? cellUint(line, row, c < t.wide ? t.offsets[c]! : count - t.offsets[c]!)
          : parseUint(cellText(line, row, t, c, wideEnd, missingCommand));
      if (kind === 'pid') pid = n;
      else if (kind === 'ppid') ppid = n;
      else if (kind === 'lwp') lwp = n;
      else if (kind === 'threads') threads = n;
      else rss = n;
      continue;
    }
    const v = cellText(line, row, t, c, wideEnd, missingCommand);
    switch (kind) {
      case 'state':
        stateRaw = v;
        break;
      case 'elapsed':
        elapsed = parseElapsed(v);
        break;
      case 'cpu':
        cpu = parseNumber(v);
        break;
      case 'res':
        rss = parseTopSize(v);
        break;
      case 'vsz':
        vsz = parseUint(v);
        break;
      case 'virt':
        vsz = parseTopSize(v);
        break;
      case 'wchan':
        if (v !== '-' && v !== '') wchan = v;
        break;
      case 'started':
        started = v;
        break;
      case 'command':
        // With two command columns (comm and args) the wide, last one is the command line.
        if (c === t.wide || command === '') command = v;
        break;
      default:
        break;
    }
  }
  if (pid === undefined) return `process row without a numeric PID: ${line.slice(0, 80)}`;
  const state = toState(stateRaw);
  let isKernelThread: boolean;
  if (pid === 2 || ppid === 2) isKernelThread = true;
  else if (t.hasPpid && ppid !== undefined) isKernelThread = false;
  else {
    const defunct = state === 'Z' || command.endsWith('<defunct>');
    if (command.startsWith('[') && command.indexOf(']') > 1)
      isKernelThread = !defunct && (vsz === undefined || vsz === 0);
    else isKernelThread = t.isTop && vsz === 0 && !defunct;
  }
  const e: ProcessEntry = {
    pid,
    state,
    stateRaw,
    // A command column that is not last is `comm` (ps puts args last), spaces and all.
    comm: t.wide < n - 1 ? command : commOf(command),
    args: command,
    isKernelThread,
    line: 0,
  };
  if (ppid !== undefined) e.ppid = ppid;
  if (elapsed !== undefined) e.elapsedSeconds = elapsed;
  if (started !== undefined) e.startedRaw = started;
  if (threads !== undefined) e.threads = threads;
  if (cpu !== undefined) e.cpuPercent = cpu;
  if (rss !== undefined) e.rssKb = rss;
  if (wchan !== undefined) e.wchan = wchan;
  return lwp === undefined ? { entry: e } : { entry: e, lwp };
}
