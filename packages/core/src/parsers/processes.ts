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
import { parseDecimal, parseUint, splitLines, type Token, tokenize, Warnings } from './text.ts';

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
  let table: Table | undefined;
  let headerless: Table | undefined;
  let skippedBeforeHeader = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const tokens = tokenize(line);
    if (tokens.length === 0) continue;
    if (isHeaderTokens(tokens.map((t) => t.text))) {
      table = makeTable(tokens.map((t) => t.text));
      continue;
    }
    let t = table;
    if (!t) {
      headerless ??= guessLayout(tokens);
      if (headerless && rowFitsLayout(tokenTexts(tokens, headerless.kinds.length), headerless.names))
        t = headerless;
      else {
        skippedBeforeHeader++;
        continue;
      }
    }
    const row = parseRow(line, tokens, t);
    if (typeof row === 'string') {
      w.add(row, i + 1);
      continue;
    }
    row.entry.line = i + 1;
    // ps -eLf / -T: rows of non-leader threads fold into their process.
    if (row.lwp !== undefined && row.lwp !== row.entry.pid) {
      const owner = byPid.get(row.entry.pid);
      if (owner) {
        if (!t.hasThreads) owner.threads = (owner.threads ?? 1) + 1;
        continue;
      }
    }
    if (row.lwp !== undefined && !t.hasThreads) row.entry.threads = 1;
    byPid.set(row.entry.pid, row.entry);
    out.push(row.entry);
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
  hasThreads: boolean;
  hasPpid: boolean;
  isTop: boolean;
}

function makeTable(names: string[]): Table {
  const kinds = names.map(columnKind);
  const cmd = kinds.lastIndexOf('command');
  return {
    names,
    kinds,
    wide: cmd >= 0 ? cmd : kinds.length - 1,
    hasThreads: kinds.includes('threads'),
    hasPpid: kinds.includes('ppid'),
    isTop: names.includes('TIME+') || (kinds.includes('res') && kinds.includes('virt')),
  };
}

function guessLayout(tokens: Token[]): Table | undefined {
  const texts = tokens.map((t) => t.text);
  if (rowFitsLayout(texts, PS_AUX_LAYOUT)) return makeTable(PS_AUX_LAYOUT);
  if (rowFitsLayout(texts, PROBE_LAYOUT)) return makeTable(PROBE_LAYOUT);
  return undefined;
}

function tokenTexts(tokens: Token[], n: number): string[] {
  return tokens.slice(0, n).map((t) => t.text);
}

interface Row {
  entry: ProcessEntry;
  lwp?: number;
}

function parseRow(line: string, tokens: Token[], t: Table): Row | string {
  const n = t.kinds.length;
  const cells: string[] = new Array(n).fill('');
  if (tokens.length >= n) {
    for (let c = 0; c < t.wide; c++) cells[c] = tokens[c]!.text;
    const right = n - 1 - t.wide;
    for (let c = 0; c < right; c++) cells[n - 1 - c] = tokens[tokens.length - 1 - c]!.text;
    const last = tokens[tokens.length - 1 - right]!;
    cells[t.wide] = line.slice(tokens[t.wide]!.start, last.end);
  } else if (tokens.length === n - 1 && t.wide === n - 1) {
    for (let c = 0; c < tokens.length; c++) cells[c] = tokens[c]!.text;
  } else {
    return `process row has ${tokens.length} fields, header has ${n}`;
  }

  let pid: number | undefined;
  const e: Partial<ProcessEntry> = {};
  let lwp: number | undefined;
  let vsz: number | undefined;
  let command = '';
  for (let c = 0; c < n; c++) {
    const v = cells[c]!;
    switch (t.kinds[c]) {
      case 'pid':
        pid = parseUint(v);
        break;
      case 'ppid':
        e.ppid = parseUint(v);
        break;
      case 'lwp':
        lwp = parseUint(v);
        break;
      case 'state':
        e.stateRaw = v;
        break;
      case 'elapsed':
        e.elapsedSeconds = parseElapsed(v);
        break;
      case 'threads':
        e.threads = parseUint(v);
        break;
      case 'cpu':
        e.cpuPercent = parseDecimal(v.replace(',', '.'));
        break;
      case 'rss':
        e.rssKb = parseUint(v);
        break;
      case 'res':
        e.rssKb = parseTopSize(v);
        break;
      case 'vsz':
      case 'virt':
        vsz = t.kinds[c] === 'vsz' ? parseUint(v) : parseTopSize(v);
        break;
      case 'wchan':
        if (v !== '-' && v !== '') e.wchan = v;
        break;
      case 'started':
        e.startedRaw = v;
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
  const stateRaw = e.stateRaw ?? '';
  const state = toState(stateRaw);
  const bracketed = command.startsWith('[') && command.indexOf(']') > 1;
  const defunct = state === 'Z' || command.endsWith('<defunct>');
  let isKernelThread: boolean;
  if (pid === 2 || e.ppid === 2) isKernelThread = true;
  else if (t.hasPpid && e.ppid !== undefined) isKernelThread = false;
  else if (bracketed) isKernelThread = !defunct && (vsz === undefined || vsz === 0);
  else isKernelThread = t.isTop && vsz === 0 && !defunct;

  const entry: ProcessEntry = {
    pid,
    state,
    stateRaw,
    comm: commOf(command),
    args: command,
    isKernelThread,
    line: 0,
  };
  if (e.ppid !== undefined) entry.ppid = e.ppid;
  if (e.elapsedSeconds !== undefined) entry.elapsedSeconds = e.elapsedSeconds;
  if (e.startedRaw !== undefined) entry.startedRaw = e.startedRaw;
  if (e.threads !== undefined) entry.threads = e.threads;
  if (e.cpuPercent !== undefined) entry.cpuPercent = e.cpuPercent;
  if (e.rssKb !== undefined) entry.rssKb = e.rssKb;
  if (e.wchan !== undefined) entry.wchan = e.wchan;
  return lwp === undefined ? { entry } : { entry, lwp };
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
  const sp = command.indexOf(' ');
  if (sp < 0 && !command.startsWith('/') && !command.startsWith('.')) return command;
  let exe = sp < 0 ? command : command.slice(0, sp);
  // sshd and nginx rewrite argv[0] as "sshd:" / "nginx:"; login shells run as "-bash".
  if (exe.endsWith(':')) exe = exe.slice(0, -1);
  if (exe.startsWith('-')) exe = exe.slice(1);
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
