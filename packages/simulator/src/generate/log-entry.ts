/** A log line with the instant it was written, so contributions from several sources can be merged. */
export interface LogEntry {
  ms: number;
  text: string;
}

export function sortEntries(entries: LogEntry[]): LogEntry[] {
  // Stable sort keeps multi-line records (dmesg "cache:" follow-ups) in their written order.
  return entries.sort((a, b) => a.ms - b.ms);
}

export function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Slots of `periodMs` that fall in [from, to]: callers derive each slot's randomness from its
 * index, so a line written at one instant is the same in every window that contains it.
 */
export function* slots(from: number, to: number, periodMs: number): Generator<number> {
  const first = Math.ceil(from / periodMs);
  const last = Math.floor(to / periodMs);
  for (let i = first; i <= last; i++) yield i;
}
