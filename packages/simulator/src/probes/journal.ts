import type { NodeContext } from '../generate/node-context.ts';
import { journalTime } from '../generate/format-time.ts';
import { type LogEntry, sortEntries } from '../generate/log-entry.ts';
import { LOG_WINDOW_MS } from '../model/sim-time.ts';

/** One journal line as `journalctl -o short-iso` prints it. */
export function journalLine(
  ctx: NodeContext,
  ms: number,
  ident: string,
  pid: number,
  text: string,
): LogEntry {
  return {
    ms,
    text: `${journalTime(ms, ctx.profile.distro.journalColonOffset)} ${ctx.hostname} ${ident}[${pid}]: ${text}`,
  };
}

/** The probe's window: the last hour, but nothing from before the node booted. */
export function logWindow(ctx: NodeContext): { from: number; to: number } {
  return { from: Math.max(ctx.at - LOG_WINDOW_MS, ctx.boot), to: ctx.at };
}

/** Merges, orders and cuts to the probe's `tail -n 50000`. */
export function journalText(entries: LogEntry[], tail = 50_000): string {
  const sorted = sortEntries(entries);
  const cut = sorted.length > tail ? sorted.slice(sorted.length - tail) : sorted;
  if (cut.length === 0) return '';
  let out = '';
  for (const e of cut) out += `${e.text}\n`;
  return out;
}
