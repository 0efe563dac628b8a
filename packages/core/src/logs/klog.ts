import { parseKeyValues, readQuoted } from './key-values.ts';

/** The klog header: `E0412 15:28:39.437193 3237254 nestedpendingoperations.go:301] msg`. */
export interface KlogHeader {
  level: 'I' | 'W' | 'E' | 'F';
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction?: string;
  pid: string;
  sourceLoc: string;
  /** Everything after "] ". */
  rest: string;
}

// Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg   (threadid is space-padded)
const KLOG_RE = /^([IWEF])(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? +(\d+) ([^\s\]]{1,200})\] ?/;

export function parseKlogHeader(line: string): KlogHeader | undefined {
  const c = line.charCodeAt(0);
  // I, W, E, F: reject most lines before running the regex.
  if (c !== 73 && c !== 87 && c !== 69 && c !== 70) return undefined;
  const m = KLOG_RE.exec(line);
  if (!m) return undefined;
  const h: KlogHeader = {
    level: m[1] as KlogHeader['level'],
    month: +m[2]!,
    day: +m[3]!,
    hour: +m[4]!,
    minute: +m[5]!,
    second: +m[6]!,
    pid: m[8]!,
    sourceLoc: m[9]!,
    rest: line.slice(m[0].length),
  };
  if (m[7] !== undefined) h.fraction = m[7];
  return h;
}

/**
 * Structured klog (`"SyncLoop (PLEG): event for pod" pod="ns/p" event=&{…}`): the quoted
 * message unquoted, the key=value pairs as fields. Unstructured messages come back as they are.
 */
export function splitKlogMessage(rest: string): { message: string; fields?: Record<string, string> } {
  if (rest.charCodeAt(0) !== 34) return { message: rest };
  const q = readQuoted(rest, 0);
  if (!q.closed) return { message: rest };
  const after = rest.slice(q.end);
  if (after.trim() === '') return { message: q.value };
  // Only a space-separated key=value tail makes it structured; `"quoted" and more prose` is not.
  if (after.charCodeAt(0) !== 32) return { message: rest };
  const kv = parseKeyValues(after, 0);
  if (kv.count === 0) return { message: rest };
  const tail = after.slice(kv.end).trim();
  return { message: tail === '' ? q.value : `${q.value} ${tail}`, fields: kv.fields };
}
