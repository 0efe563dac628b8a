import type { LogEvent } from '../model/node-state.ts';
import { parseKeyValues } from './key-values.ts';
import { parseIsoTime } from './log-time.ts';

/** What a containerd/dockerd/CRI-O message says about itself once its prefix is gone. */
export interface RuntimeBody {
  message: string;
  level?: LogEvent['level'];
  fields?: Record<string, string>;
  /** Epoch ms from the record's own time= field. */
  ms?: number;
}

const LEVELS: Record<string, LogEvent['level']> = {
  error: 'E',
  err: 'E',
  erro: 'E',
  warning: 'W',
  warn: 'W',
  info: 'I',
  notice: 'I',
  debug: 'D',
  debu: 'D',
  trace: 'D',
  fatal: 'F',
  fata: 'F',
  panic: 'F',
  pani: 'F',
  critical: 'F',
};

export function runtimeLevel(word: string | undefined): LogEvent['level'] | undefined {
  return word === undefined ? undefined : LEVELS[word.toLowerCase()];
}

// dockerd/containerd with a TTY: ERRO[2023-06-12T05:48:49.123456789Z] msg   key=value
const TTY_RE = /^(ERRO|WARN|INFO|DEBU|FATA|PANI|TRAC)\[([^\]]{0,40})\] ?/;
const MESSAGE_KEYS = ['msg', 'message', 'MESSAGE'];
const LEVEL_KEYS = ['level', 'lvl', 'severity'];
const TIME_KEYS = ['time', 'ts', 'timestamp'];
const ERROR_KEYS = ['error', 'err'];

/**
 * logfmt (`time="…" level=error msg="…" error="…"`), JSON lines, or the TTY format.
 * The message is msg plus ": <error>" when an error field is present, as Go code reads it,
 * so a detector matching "context deadline exceeded" finds it in the message.
 */
export function parseRuntimeBody(body: string): RuntimeBody {
  if (body.charCodeAt(0) === 123) {
    const json = fromJson(body);
    if (json) return json;
  }
  const tty = TTY_RE.exec(body);
  if (tty) {
    const rest = body.slice(tty[0].length);
    const kvAt = wideKeyValueAt(rest);
    const message = (kvAt < 0 ? rest : rest.slice(0, kvAt)).trim();
    const kv = kvAt < 0 ? undefined : parseKeyValues(rest, kvAt).fields;
    return build(message, tty[1], kv, tty[2]);
  }
  const kv = parseKeyValues(body, 0);
  const f = kv.fields;
  const msgKey = MESSAGE_KEYS.find((k) => f[k] !== undefined);
  if (kv.count >= 2 && (msgKey !== undefined || f.level !== undefined)) {
    const message = msgKey !== undefined ? f[msgKey]! : body;
    return build(message, pick(f, LEVEL_KEYS), omit(f, msgKey), pick(f, TIME_KEYS));
  }
  return { message: body };
}

/**
 * Where `  key=` (two or more spaces, then a key) first starts, or -1. The regex
 * / {2,}[A-Za-z_][\w.]*=/ tried from every space of a long run rescans the run each time.
 */
function wideKeyValueAt(s: string): number {
  for (let at = s.indexOf('  '); at >= 0; at = s.indexOf('  ', at)) {
    let j = at + 2;
    while (s.charCodeAt(j) === 32) j++;
    const c = s.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
      let k = j + 1;
      for (let d = s.charCodeAt(k); isKeyChar(d); d = s.charCodeAt(++k));
      if (s.charCodeAt(k) === 61) return at;
    }
    at = j;
  }
  return -1;
}

function isKeyChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46;
}

function fromJson(body: string): RuntimeBody | undefined {
  let obj: unknown;
  try {
    obj = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const f: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (k === '__proto__') continue;
    f[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  const msgKey = MESSAGE_KEYS.find((k) => f[k] !== undefined);
  return build(
    msgKey !== undefined ? f[msgKey]! : body,
    pick(f, LEVEL_KEYS),
    omit(f, msgKey),
    pick(f, TIME_KEYS),
  );
}

function build(
  msg: string,
  levelWord: string | undefined,
  fields: Record<string, string> | undefined,
  time: string | undefined,
): RuntimeBody {
  const err = fields ? pick(fields, ERROR_KEYS) : undefined;
  const text = msg.trimEnd();
  const out: RuntimeBody = { message: err !== undefined && err !== '' ? `${text}: ${err}` : text };
  const level = runtimeLevel(levelWord);
  if (level !== undefined) out.level = level;
  if (fields && Object.keys(fields).length > 0) out.fields = fields;
  const t = time === undefined ? undefined : parseIsoTime(time.replace(/ UTC$/, 'Z'));
  if (t) out.ms = t.ms;
  return out;
}

function pick(f: Record<string, string>, keys: string[]): string | undefined {
  for (const k of keys) if (f[k] !== undefined) return f[k];
  return undefined;
}

/** Fields minus the ones the event already carries as message, level and time. */
function omit(f: Record<string, string>, msgKey: string | undefined): Record<string, string> {
  const rest: Record<string, string> = {};
  for (const k in f) {
    if (
      k === msgKey ||
      k === 'level' ||
      k === 'lvl' ||
      k === 'severity' ||
      k === 'time' ||
      k === 'ts' ||
      k === 'timestamp'
    ) {
      continue;
    }
    rest[k] = f[k]!;
  }
  return rest;
}
