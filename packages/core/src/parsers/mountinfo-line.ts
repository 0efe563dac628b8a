import type { MountEntry, MountOptionalFields } from '../model/node-state.ts';
import { parseUintAt } from './text.ts';

/**
 * One line of /proc/<pid>/mountinfo (proc(5)):
 *
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)    (10)         (11)
 *
 * The kernel escapes space, tab, newline and backslash in paths as \040 \011 \012 \134, so
 * fields before the " - " separator never contain raw spaces; runs of spaces there are
 * tolerated (some fixtures carry them). After the separator the split is exact: fstype, source
 * (empty on kernels < 5.1 for some filesystems, giving two spaces) and the super options, which
 * may contain raw spaces (cifs `unc=\\srv\share name`): everything to the end of the line.
 */

// MINORBITS is 20 in the kernel, so majors fit in 12 bits and minors in 20.
const MAX_MAJOR = 4095;
const MAX_MINOR = 1048575;

/**
 * Option lists repeat across a table (`rw,relatime` on thousands of lines): each distinct list
 * is split once and its frozen array is shared by every entry that has it. On a 26,000-line
 * table that is 50,000 fewer arrays for the GC to copy while the table is live.
 */
export class OptionCache {
  readonly mount = new Map<string, string[]>();
  readonly super = new Map<string, string[]>();
  split(text: string, cache: Map<string, string[]>): string[] {
    let v = cache.get(text);
    if (v === undefined) {
      v = Object.freeze(splitOptions(unescapeOctal(text))) as string[];
      if (cache.size >= 10000) cache.clear();
      cache.set(text, v);
    }
    return v;
  }
}

/** Scratch offsets of the fields before the separator (no per-line array or substring). */
const STARTS: number[] = [];
const ENDS: number[] = [];

/**
 * First `needle` at or after a position, for positions that only grow (a table read top to
 * bottom): the search is repeated only once the previous hit is behind, so every character of
 * the text is scanned once in all. Searching from each line instead would, on a table whose
 * lines lack the separator, scan the rest of the text once per line.
 */
export class NextIndex {
  private hit = -2;
  private searchedFrom = -1;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}
  from(pos: number): number {
    if (pos < this.searchedFrom || this.hit === -2 || (this.hit >= 0 && this.hit < pos)) {
      this.searchedFrom = pos;
      this.hit = this.text.indexOf(this.needle, pos);
    }
    return this.hit;
  }
}

/** Index of the character code `c` in text[from, end), or -1: never looks past the line. */
export function charIn(text: string, c: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === c) return i;
  return -1;
}

/** The entry, or why the line is not one. */
export function parseMountinfoLine(
  line: string,
  lineNo: number,
  cache = new OptionCache(),
): MountEntry | string {
  // The line is the whole text here, so an unbounded search cannot leave it.
  return parseMountinfoAt(line, 0, line.length, lineNo, cache, line.indexOf(' - '));
}

/**
 * parseMountinfoLine for the line text[start, end) of a whole table (end excludes the newline
 * and a trailing CR): only the values an entry keeps are cut out of the text. `found` is the
 * first " - " at or after `start` anywhere in the text (from a NextIndex), or -1.
 */
export function parseMountinfoAt(
  text: string,
  start: number,
  end: number,
  lineNo: number,
  cache: OptionCache,
  found: number,
): MountEntry | string {
  const sep = found;
  if (sep < start || sep + 3 > end) return 'no " - " separator';
  // Fields before the separator, tolerating runs of spaces; no per-line regex or split.
  let k = 0;
  for (let i = start; i < sep; ) {
    while (i < sep && text.charCodeAt(i) === 32) i++;
    if (i >= sep) break;
    // Bounded: text[sep] is a space, so this search stops at the separator at the latest.
    let j = text.indexOf(' ', i);
    if (j < 0 || j > sep) j = sep;
    STARTS[k] = i;
    ENDS[k] = j;
    k++;
    i = j;
  }
  if (k < 6) return `expected at least 6 fields before the separator, got ${k}`;

  const mountId = parseUintAt(text, STARTS[0]!, ENDS[0]!);
  const parentId = parseUintAt(text, STARTS[1]!, ENDS[1]!);
  if (mountId === undefined || parentId === undefined) return 'mount id and parent id must be numbers';
  const devStart = STARTS[2]!;
  const devEnd = ENDS[2]!;
  const devSep = charIn(text, 58, devStart, devEnd);
  const hasSep = devSep > devStart && devSep < devEnd;
  const major = hasSep ? parseUintAt(text, devStart, devSep) : undefined;
  const minor = hasSep ? parseUintAt(text, devSep + 1, devEnd) : undefined;
  if (major === undefined || minor === undefined) return `bad major:minor "${text.slice(devStart, devEnd)}"`;
  if (major > MAX_MAJOR || minor > MAX_MINOR)
    return `device number ${text.slice(devStart, devEnd)} out of range`;

  const post = sep + 3;
  const sp1 = charIn(text, 32, post, end);
  if (sp1 <= post) return 'missing source and super options after the separator';
  const sp2 = charIn(text, 32, sp1 + 1, end);
  if (sp2 < 0) return 'missing super options after the separator';
  if (sp2 + 1 >= end) return 'empty super options';

  return {
    mountId,
    parentId,
    major,
    minor,
    root: unescapeOctal(text.slice(STARTS[3]!, ENDS[3]!)),
    mountPoint: unescapeOctal(text.slice(STARTS[4]!, ENDS[4]!)),
    mountOptions: cache.split(text.slice(STARTS[5]!, ENDS[5]!), cache.mount),
    optional: parseOptional(text, k),
    fsType: unescapeOctal(text.slice(post, sp1)),
    source: unescapeOctal(text.slice(sp1 + 1, sp2)),
    superOptions: cache.split(text.slice(sp2 + 1, end), cache.super),
    line: lineNo,
  };
}

/** Optional fields 7.. (`shared:1 master:2`), from the scratch offsets 6..count-1. */
function parseOptional(text: string, count: number): MountOptionalFields {
  const raw: string[] = [];
  let shared: number | undefined;
  let master: number | undefined;
  let propagateFrom: number | undefined;
  let unbindable = false;
  for (let f = 6; f < count; f++) {
    const tag = text.slice(STARTS[f]!, ENDS[f]!);
    raw.push(tag);
    const colon = tag.indexOf(':');
    const num = colon < 0 ? undefined : parseUintAt(tag, colon + 1, tag.length);
    if (num !== undefined && colon === 6 && tag.startsWith('shared')) shared = num;
    else if (num !== undefined && colon === 6 && tag.startsWith('master')) master = num;
    else if (num !== undefined && colon === 14 && tag.startsWith('propagate_from')) propagateFrom = num;
    else if (tag === 'unbindable') unbindable = true;
  }
  // The common shapes are built whole: adding keys one by one gives 26,000 entries an extra
  // property store each.
  if (master === undefined && propagateFrom === undefined && !unbindable)
    return shared === undefined ? { raw } : { raw, shared };
  // Others keep their keys in the order the tags came.
  const out: MountOptionalFields = { raw };
  for (const tag of raw) {
    const colon = tag.indexOf(':');
    const num = colon < 0 ? undefined : parseUintAt(tag, colon + 1, tag.length);
    if (num !== undefined && colon === 6 && tag.startsWith('shared')) out.shared = num;
    else if (num !== undefined && colon === 6 && tag.startsWith('master')) out.master = num;
    else if (num !== undefined && colon === 14 && tag.startsWith('propagate_from')) out.propagateFrom = num;
    else if (tag === 'unbindable') out.unbindable = true;
  }
  return out;
}

/** Decodes the kernel's `\ooo` escapes (mangle() in fs/proc_namespace.c); other backslashes stay. */
export function unescapeOctal(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  let last = 0;
  for (let i = s.indexOf('\\'); i >= 0 && i + 3 < s.length; i = s.indexOf('\\', i + 1)) {
    const a = s.charCodeAt(i + 1) - 48;
    const b = s.charCodeAt(i + 2) - 48;
    const c = s.charCodeAt(i + 3) - 48;
    if (a >= 0 && a <= 3 && b >= 0 && b <= 7 && c >= 0 && c <= 7) {
      out += s.slice(last, i) + String.fromCharCode(a * 64 + b * 8 + c);
      last = i + 4;
      i += 3;
    }
  }
  return out + s.slice(last);
}

/** Comma-split that keeps a double-quoted value (SELinux `context="a:b:c0,c1"`) in one option. */
export function splitOptions(s: string): string[] {
  if (s.indexOf('"') < 0) return s.split(',');
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 44 && !quoted) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}
