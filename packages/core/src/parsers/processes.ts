import type { ProcessEntry, ProcessState } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import {
  type ColumnKind,
  columnKind,
  isHeaderTokens,
  PROBE_LAYOUT,
  PS_AUX_LAYOUT,
  rowFitsLayout,
} from './process-columns.ts';
import { parseDecimal, parseUint, splitLines, Warnings } from './text.ts';

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
    const c0 = row.texts[0]!.charCodeAt(0);
    // Only a line starting with an upper-case word or % can be a header; skip the regex otherwise.
    if (((c0 >= 65 && c0 <= 90) || c0 === 37) && isHeaderTokens(row.texts.slice(0, row.count))) {
      table = makeTable(row.texts.slice(0, row.count));
      continue;
    }
    let t = table;
    if (!t) {
      const texts = row.texts.slice(0, row.count);
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

/** Whitespace tokens of one row in reused arrays: 20,000 rows must not allocate 200,000 objects. */
class RowTokens {
  texts: string[] = [];
  starts: number[] = [];
  ends: number[] = [];
  count = 0;
  read(line: string): void {
    let k = 0;
    let i = 0;
    const n = line.length;
    while (i < n) {
      while (i < n && isBlank(line.charCodeAt(i))) i++;
      if (i >= n) break;
      const s = i;
      while (i < n && !isBlank(line.charCodeAt(i))) i++;
      this.texts[k] = line.slice(s, i);
      this.starts[k] = s;
      this.ends[k] = i;
      k++;
    }
    this.count = k;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
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
  return undefined;
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
  const cell = (c: number): string => {
    if (c === t.wide) return missingCommand ? '' : line.slice(row.starts[t.offsets[c]!]!, row.ends[wideEnd]!);
    const first = c < t.wide ? t.offsets[c]! : count - t.offsets[c]!;
    const w = t.widths[c]!;
    return w === 1 ? row.texts[first]! : line.slice(row.starts[first]!, row.ends[first + w - 1]!);
  };

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
    const v = cell(c);
    switch (kind) {
      case 'pid':
        pid = parseUint(v);
        break;
      case 'ppid':
        ppid = parseUint(v);
        break;
      case 'lwp':
        lwp = parseUint(v);
        break;
      case 'state':
        stateRaw = v;
        break;
      case 'elapsed':
        elapsed = parseElapsed(v);
        break;
      case 'threads':
        threads = parseUint(v);
        break;
      case 'cpu':
        cpu = parseNumber(v);
        break;
      case 'rss':
        rss = parseUint(v);
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

/** ps and top print `0.0`; some locales print `0,0`. */
function parseNumber(v: string): number | undefined {
  const c = v.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 46)) return undefined;
  const n = Number(v.indexOf(',') >= 0 ? v.replace(',', '.') : v);
  return Number.isFinite(n) ? n : undefined;
}

const STATES = new Set<string>(['R', 'S', 'D', 'Z', 'T', 't', 'I', 'X', 'W', 'P']);

function toState(raw: string): ProcessState {
  const c = raw.charAt(0);
  return STATES.has(c) ? (c as ProcessState) : '?';
}

/**
 * Short name of the process: the bracket content of a kernel thread (`[jbd2/vdfiw-8]`), else
 * the basename of the executable in a command line. A single word with no leading slash is
 * already a comm (`top`, `ps -e`), and may itself contain a slash (`kworker/u96:2`).
 */
export function commOf(command: string): string {
  if (command.startsWith('[')) {
    const close = command.indexOf(']');
    if (close > 1) return command.slice(1, close);
  }
  // Login shells run as "-bash"; sshd and nginx rewrite argv[0] as "sshd:" / "nginx:".
  const cmd = command.startsWith('-') ? command.slice(1) : command;
  const sp = cmd.indexOf(' ');
  if (sp < 0 && !cmd.startsWith('/') && !cmd.startsWith('.')) return cmd;
  let exe = sp < 0 ? cmd : cmd.slice(0, sp);
  if (exe.endsWith(':')) exe = exe.slice(0, -1);
  const slash = exe.lastIndexOf('/');
  return slash >= 0 && slash < exe.length - 1 ? exe.slice(slash + 1) : exe;
}

/** `[[dd-]hh:]mm:ss` (etime) or plain seconds (etimes) to seconds. */
export function parseElapsed(v: string): number | undefined {
  const plain = parseUint(v);
  if (plain !== undefined) return plain;
  let days = 0;
  let rest = v;
  const dash = v.indexOf('-');
  if (dash >= 0) {
    const d = parseUint(v.slice(0, dash));
    if (d === undefined) return undefined;
    days = d;
    rest = v.slice(dash + 1);
  }
  const parts = rest.split(':');
  if (parts.length < 2 || parts.length > 3) return undefined;
  let secs = 0;
  for (const p of parts) {
    const n = parseUint(p);
    if (n === undefined) return undefined;
    secs = secs * 60 + n;
  }
  return days * 86400 + secs;
}

/** top's memory cells: KiB by default, or with a k/m/g/t/p/e suffix (`1.2g`). */
function parseTopSize(v: string): number | undefined {
  const last = v.charAt(v.length - 1).toLowerCase();
  const exp = 'kmgtpe'.indexOf(last);
  const num = parseDecimal((exp >= 0 ? v.slice(0, -1) : v).replace(',', '.'));
  if (num === undefined) return undefined;
  return Math.round(num * 1024 ** Math.max(exp, 0));
}
