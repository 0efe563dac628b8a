import type { MountEntry, MountOptionalFields } from '../model/node-state.ts';
import { parseUint } from './text.ts';

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
 * Option lists repeat across a table (`rw,relatime` on thousands of lines). Reusing the split
 * strings saves a quarter of the parse time on big tables; every entry still gets its own array.
 */
export class OptionCache {
  readonly mount = new Map<string, string[]>();
  readonly super = new Map<string, string[]>();
  split(text: string, cache: Map<string, string[]>): string[] {
    let v = cache.get(text);
    if (v === undefined) {
      v = splitOptions(unescapeOctal(text));
      if (cache.size >= 10000) cache.clear();
      cache.set(text, v);
    }
    return v.slice();
  }
}

/** Scratch array for the fields of the line being parsed (avoids one allocation per line). */
const HEAD: string[] = [];

/** The entry, or why the line is not one. */
export function parseMountinfoLine(
  line: string,
  lineNo: number,
  cache = new OptionCache(),
): MountEntry | string {
  const sep = line.indexOf(' - ');
  if (sep < 0) return 'no " - " separator';
  const f = HEAD;
  f.length = 0;
  // Fields before the separator, tolerating runs of spaces; no per-line regex or split.
  for (let i = 0; i < sep; ) {
    while (i < sep && line.charCodeAt(i) === 32) i++;
    if (i >= sep) break;
    let j = line.indexOf(' ', i);
    if (j < 0 || j > sep) j = sep;
    f.push(line.slice(i, j));
    i = j;
  }
  if (f.length < 6) return `expected at least 6 fields before the separator, got ${f.length}`;

  const mountId = parseUint(f[0]!);
  const parentId = parseUint(f[1]!);
  if (mountId === undefined || parentId === undefined) return 'mount id and parent id must be numbers';
  const devSep = f[2]!.indexOf(':');
  const major = devSep > 0 ? parseUint(f[2]!.slice(0, devSep)) : undefined;
  const minor = devSep > 0 ? parseUint(f[2]!.slice(devSep + 1)) : undefined;
  if (major === undefined || minor === undefined) return `bad major:minor "${f[2]}"`;
  if (major > MAX_MAJOR || minor > MAX_MINOR) return `device number ${f[2]} out of range`;

  const post = line.slice(sep + 3);
  const sp1 = post.indexOf(' ');
  if (sp1 <= 0) return 'missing source and super options after the separator';
  const sp2 = post.indexOf(' ', sp1 + 1);
  if (sp2 < 0) return 'missing super options after the separator';
  const fsType = post.slice(0, sp1);
  const source = post.slice(sp1 + 1, sp2);
  const superText = post.slice(sp2 + 1);
  if (superText.length === 0) return 'empty super options';

  return {
    mountId,
    parentId,
    major,
    minor,
    root: unescapeOctal(f[3]!),
    mountPoint: unescapeOctal(f[4]!),
    mountOptions: cache.split(f[5]!, cache.mount),
    optional: parseOptional(f, 6),
    fsType: unescapeOctal(fsType),
    source: unescapeOctal(source),
    superOptions: cache.split(superText, cache.super),
    line: lineNo,
  };
}

function parseOptional(f: string[], from: number): MountOptionalFields {
  const out: MountOptionalFields = { raw: f.slice(from) };
  for (const tag of out.raw) {
    const colon = tag.indexOf(':');
    const key = colon < 0 ? tag : tag.slice(0, colon);
    const num = colon < 0 ? undefined : parseUint(tag.slice(colon + 1));
    if (key === 'shared' && num !== undefined) out.shared = num;
    else if (key === 'master' && num !== undefined) out.master = num;
    else if (key === 'propagate_from' && num !== undefined) out.propagateFrom = num;
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
