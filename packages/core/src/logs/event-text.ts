import type { LogEvent } from '../model/node-state.ts';

/**
 * The text to search when matching a log event: its message followed by its structured
 * fields as key="value". Structured klog keeps the words that matter in fields
 * (`"Skipping pod synchronization" err="PLEG is not healthy: …"`), so matching on message
 * alone misses them. The pid that parsers add from prefixes is left out.
 */
export function logEventText(ev: LogEvent): string {
  const f = ev.fields;
  if (f === undefined) return ev.message;
  let out = ev.message;
  for (const k in f) {
    if (k === 'pid') continue;
    out += ` ${k}=${JSON.stringify(f[k])}`;
  }
  return out;
}
