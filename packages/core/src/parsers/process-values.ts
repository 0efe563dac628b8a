import type { ProcessState } from '../model/node-state.ts';
import { parseDecimal, parseUint } from './text.ts';

/** Cell values of process tables: states, elapsed times, sizes, and the short command name. */

/** ps and top print `0.0`; some locales print `0,0`. */
export function parseNumber(v: string): number | undefined {
  const c = v.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 46)) return undefined;
  const n = Number(v.indexOf(',') >= 0 ? v.replace(',', '.') : v);
  return Number.isFinite(n) ? n : undefined;
}

const STATES = new Set<string>(['R', 'S', 'D', 'Z', 'T', 't', 'I', 'X', 'W', 'P']);

export function toState(raw: string): ProcessState {
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
export function parseTopSize(v: string): number | undefined {
  const last = v.charAt(v.length - 1).toLowerCase();
  const exp = 'kmgtpe'.indexOf(last);
  const num = parseDecimal((exp >= 0 ? v.slice(0, -1) : v).replace(',', '.'));
  if (num === undefined) return undefined;
  return Math.round(num * 1024 ** Math.max(exp, 0));
}
