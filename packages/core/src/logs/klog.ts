import { parseKeyValues, readQuoted } from './key-values.ts';

/** The klog header: `E0412 15:28:39.437193 3237254 nestedpendingoperations.go:301] msg`. */
export interface KlogHeader {
  level: 'I' | 'W' | 'E' | 'F';
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Milliseconds from the fraction; undefined when the header had none. */
  millis?: number;
  pid: string;
  sourceLoc: string;
  /** Everything after "] ". */
  rest: string;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg` (threadid space-padded), read by position:
 * kubelet logs run to hundreds of thousands of lines and a regex with nine captures cost more
 * in allocations than the rest of the parse.
 */
export function parseKlogHeader(line: string): KlogHeader | undefined {
  const c = line.charCodeAt(0);
  if (c !== 73 && c !== 87 && c !== 69 && c !== 70) return undefined; // I W E F
  const month = two(line, 1);
  const day = two(line, 3);
  const hour = two(line, 6);
  const minute = two(line, 9);
  const second = two(line, 12);
  if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (line.charCodeAt(5) !== 32 || line.charCodeAt(8) !== 58 || line.charCodeAt(11) !== 58) return undefined;
  let i = 14;
  let millis: number | undefined;
  if (line.charCodeAt(i) === 46) {
    let n = 0;
    let ms = 0;
    i++;
    for (let d = digit(line, i); d >= 0 && n < 9; d = digit(line, i)) {
      if (n < 3) ms = ms * 10 + d;
      n++;
      i++;
    }
    if (n === 0) return undefined;
    millis = n >= 3 ? ms : n === 2 ? ms * 10 : ms * 100;
  }
  if (line.charCodeAt(i) !== 32) return undefined;
  while (line.charCodeAt(i) === 32) i++;
  const pidStart = i;
  while (digit(line, i) >= 0) i++;
  if (i === pidStart || line.charCodeAt(i) !== 32) return undefined;
  const pid = line.slice(pidStart, i);
  const srcStart = ++i;
  const limit = Math.min(line.length, srcStart + 200);
  while (i < limit) {
    const ch = line.charCodeAt(i);
    if (ch === 93 || ch === 32 || ch === 9) break;
    i++;
  }
  if (i === srcStart || line.charCodeAt(i) !== 93) return undefined;
  const sourceLoc = line.slice(srcStart, i);
  i++;
  if (line.charCodeAt(i) === 32) i++;
  const h: KlogHeader = {
    level: line[0] as KlogHeader['level'],
    month,
    day,
    hour,
    minute,
    second,
    pid,
    sourceLoc,
    rest: line.slice(i),
  };
  if (millis !== undefined) h.millis = millis;
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
