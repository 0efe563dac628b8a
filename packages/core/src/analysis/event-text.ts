import type { LogEvent } from '../model/node-state.ts';

const cache = new WeakMap<LogEvent, string>();

/**
 * The text rules match and evidence shows: the message plus its structured fields as printed
 * (`key="value"`). Structured klog puts the substance in fields, e.g. `"Skipping pod
 * synchronization" err="PLEG is not healthy: …"`, so matching the message alone misses it.
 */
export function eventText(ev: LogEvent): string {
  if (!ev.fields) return ev.message;
  let text = cache.get(ev);
  if (text === undefined) {
    const parts = [ev.message];
    for (const [k, v] of Object.entries(ev.fields))
      parts.push(/[\s"]/.test(v) ? `${k}=${JSON.stringify(v)}` : `${k}=${v}`);
    text = parts.join(' ');
    cache.set(ev, text);
  }
  return text;
}
