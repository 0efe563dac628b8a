/**
 * Column headers of `ps` (procps-ng) and `top -b` tables and how the process parser uses them.
 * `ps -o etime` and `ps -o etimes` both print ELAPSED, so that column accepts either format;
 * COMMAND is `args` in `ps aux` but `comm` in `ps -eo comm` and in `top`, so the command text is
 * interpreted by its shape, not by its header.
 */
export type ColumnKind =
  | 'pid'
  | 'ppid'
  | 'lwp'
  | 'state'
  | 'elapsed'
  | 'threads'
  | 'cpu'
  | 'rss'
  | 'res'
  | 'vsz'
  | 'virt'
  | 'wchan'
  | 'started'
  | 'command'
  | 'other';

const KINDS: Record<string, ColumnKind> = {
  PID: 'pid',
  PPID: 'ppid',
  LWP: 'lwp',
  SPID: 'lwp',
  TID: 'lwp',
  STAT: 'state',
  S: 'state',
  ELAPSED: 'elapsed',
  ETIMES: 'elapsed',
  ETIME: 'elapsed',
  NLWP: 'threads',
  THCNT: 'threads',
  '%CPU': 'cpu',
  CPU: 'cpu',
  C: 'cpu',
  RSS: 'rss',
  RSZ: 'rss',
  RES: 'res',
  VSZ: 'vsz',
  VSIZE: 'vsz',
  VIRT: 'virt',
  WCHAN: 'wchan',
  STIME: 'started',
  START: 'started',
  STARTED: 'started',
  LSTART: 'started',
  COMMAND: 'command',
  CMD: 'command',
  ARGS: 'command',
  COMM: 'command',
  UCOMM: 'command',
};

export function columnKind(header: string): ColumnKind {
  return KINDS[header] ?? 'other';
}

/**
 * A header line has a PID column and only header-like words (upper case, %, +, :), e.g.
 * `  PID  PPID STAT ELAPSED NLWP %CPU   RSS WCHAN   COMMAND` or top's `... TIME+ COMMAND`.
 */
export function isHeaderTokens(tokens: readonly string[]): boolean {
  if (tokens.length < 2) return false;
  let hasPid = false;
  for (const t of tokens) {
    if (!/^[A-Z%][A-Z0-9%+:_-]*$/.test(t)) return false;
    if (t === 'PID') hasPid = true;
  }
  return hasPid;
}

/** Headerless layouts seen in pasted output (`ps aux | grep …` drops the header). */
export const PS_AUX_LAYOUT = [
  'USER',
  'PID',
  '%CPU',
  '%MEM',
  'VSZ',
  'RSS',
  'TTY',
  'STAT',
  'START',
  'TIME',
  'COMMAND',
];
/** `ps -elf` / `ps -el` rows once `| grep` dropped the `F S UID PID PPID C PRI NI …` header. */
export const PS_ELF_LAYOUT = [
  'F',
  'S',
  'UID',
  'PID',
  'PPID',
  'C',
  'PRI',
  'NI',
  'ADDR',
  'SZ',
  'WCHAN',
  'STIME',
  'TTY',
  'TIME',
  'CMD',
];
export const PROBE_LAYOUT = ['PID', 'PPID', 'STAT', 'ELAPSED', 'NLWP', '%CPU', 'RSS', 'WCHAN', 'COMMAND'];

/** Whether a headerless row has the shape of the given layout (numbers where numbers go). */
export function rowFitsLayout(tokens: readonly string[], layout: readonly string[]): boolean {
  if (tokens.length < layout.length) return false;
  for (let i = 0; i < layout.length - 1; i++) {
    const t = tokens[i]!;
    switch (columnKind(layout[i]!)) {
      case 'pid':
      case 'ppid':
      case 'rss':
      case 'vsz':
      case 'threads':
        if (!/^\d+$/.test(t)) return false;
        break;
      case 'cpu':
        if (!/^\d+(\.\d+)?$/.test(t)) return false;
        break;
      case 'state':
        if (!/^[RSDZTtIXWP][A-Za-z<>+]*$/.test(t)) return false;
        break;
      case 'elapsed':
        if (!/^[\d:-]+$/.test(t)) return false;
        break;
      default:
        break;
    }
  }
  return true;
}
