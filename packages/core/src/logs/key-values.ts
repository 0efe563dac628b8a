/**
 * key=value scanning shared by structured klog (`"msg" pod="ns/p" err="…"`) and logfmt
 * (`time="…" level=error msg="…"`). Values are bare words, Go-quoted strings with escapes,
 * or bare words with balanced brackets (`event=&{ID:… Type:ContainerDied Data:…}`).
 * A single left-to-right pass; never throws.
 */

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  "'": "'",
  '0': '\0',
};

/** Reads a double-quoted string starting at `s[i] === '"'`. Unterminated strings run to the end. */
export function readQuoted(s: string, i: number): { value: string; end: number; closed: boolean } {
  let out = '';
  let j = i + 1;
  let chunk = j;
  // Jump between quotes and backslashes with indexOf: values can be kilobytes long.
  let nextQuote = s.indexOf('"', j);
  let nextEscape = s.indexOf('\\', j);
  while (j < s.length) {
    if (nextQuote >= 0 && nextQuote < j) nextQuote = s.indexOf('"', j);
    if (nextEscape >= 0 && nextEscape < j) nextEscape = s.indexOf('\\', j);
    if (nextQuote < 0 && nextEscape < 0) break;
    j = nextEscape >= 0 && (nextQuote < 0 || nextEscape < nextQuote) ? nextEscape : nextQuote;
    const c = s.charCodeAt(j);
    if (c === 34) {
      return { value: out + s.slice(chunk, j), end: j + 1, closed: true };
    }
    if (c === 92 && j + 1 < s.length) {
      out += s.slice(chunk, j);
      const e = s[j + 1]!;
      const len = e === 'u' ? 4 : 2;
      const hex = s.slice(j + 2, j + 2 + len);
      if ((e === 'u' || e === 'x') && hex.length === len && /^[0-9a-fA-F]+$/.test(hex)) {
        out += String.fromCharCode(Number.parseInt(hex, 16));
        j += 2 + len;
      } else {
        out += ESCAPES[e] ?? e;
        j += 2;
      }
      chunk = j;
      continue;
    }
    j++;
  }
  return { value: out + s.slice(chunk), end: s.length, closed: false };
}

function readBare(s: string, i: number): { value: string; end: number } {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 123 || c === 91 || c === 40) depth++;
    else if ((c === 125 || c === 93 || c === 41) && depth > 0) depth--;
    else if (c === 32 && depth === 0) break;
    j++;
  }
  return { value: s.slice(i, j), end: j };
}

/** End of a key `[A-Za-z_][A-Za-z0-9_.\-/]*` starting at i (i itself when there is none). */
function scanKey(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return i;
  let j = i + 1;
  for (; j < s.length; j++) {
    const d = s.charCodeAt(j);
    const ok =
      (d >= 65 && d <= 90) ||
      (d >= 97 && d <= 122) ||
      (d >= 48 && d <= 57) ||
      d === 95 ||
      d === 46 ||
      d === 45 ||
      d === 47;
    if (!ok) break;
  }
  return j;
}

/**
 * Parses `k=v k2="v 2"` from `from`. Stops at the first token that is not key=value;
 * `end` is where it stopped so callers can keep unparsed text.
 */
export function parseKeyValues(
  s: string,
  from = 0,
): { fields: Record<string, string>; count: number; end: number } {
  const fields: Record<string, string> = {};
  let count = 0;
  let i = from;
  for (;;) {
    while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i >= s.length) break;
    const keyEnd = scanKey(s, i);
    if (keyEnd === i || s.charCodeAt(keyEnd) !== 61) break;
    const key = s.slice(i, keyEnd);
    const vStart = keyEnd + 1;
    const v = s.charCodeAt(vStart) === 34 ? readQuoted(s, vStart) : readBare(s, vStart);
    // A key named __proto__ would replace the object's prototype instead of adding a field.
    fields[key === '__proto__' ? '_proto_' : key] = v.value;
    count++;
    i = v.end;
  }
  return { fields, count, end: i };
}
