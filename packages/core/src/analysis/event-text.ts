import { logEventText } from '../logs/event-text.ts';
import type { LogEvent } from '../model/node-state.ts';

const cache = new WeakMap<LogEvent, string>();

/**
 * `logEventText` (message plus structured fields), computed once per event: the log
 * statistics, the detail collectors and the PLEG timeline all read it.
 */
export function eventText(ev: LogEvent): string {
  if (!ev.fields) return ev.message;
  let text = cache.get(ev);
  if (text === undefined) {
    text = logEventText(ev);
    cache.set(ev, text);
  }
  return text;
}
