import type { CgroupState } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { excerpt, parseUint, splitLines, splitSections, Warnings } from './text.ts';

/**
 * memory.kmem.limit_in_bytes reads 9223372036854771712 (LONG_MAX rounded down to a page) when
 * unlimited; anything below means a kmem limit was set.
 */
const KMEM_UNLIMITED = 9223372036854771712n;

/**
 * Parses the `cgroups` probe: `## /proc/cgroups`, `## cgroup mounts`, `## cgroup.stat <path>`,
 * `## dirs <hierarchy> <count>` and `## kmem <path>` sections. A bare pasted /proc/cgroups
 * (with or without its `#subsys_name` header), cgroup.stat or cgroup mount lines also work:
 * every line is recognised by its shape when it is not inside a known section.
 */
export function parseCgroups(text: string): ParseResult<CgroupState> {
  const w = new Warnings('cgroups');
  const lines = splitLines(text);
  const state: CgroupState = { hierarchies: [], dirCounts: {}, kmem: {} };
  let v1 = false;
  let v2 = false;

  for (const sec of splitSections(lines)) {
    const title = sec.title;
    if (title.startsWith('dirs ')) {
      const [, name, count] = title.split(/\s+/);
      const n = parseUint(count ?? '');
      if (name && n !== undefined) state.dirCounts[name] = { count: n, line: sec.line };
      else w.add(`bad directory count header: ${excerpt(title)}`, sec.line);
      continue;
    }
    const isStat = title.startsWith('cgroup.stat');
    const isKmem = title.startsWith('kmem');
    if (isKmem) state.kmem.line = sec.line;
    let stat: { nrDescendants?: number; nrDying?: number; line: number } | undefined;
    for (let i = sec.from; i < sec.to; i++) {
      const line = lines[i]!.trim();
      const lineNo = i + 1;
      if (line.length === 0 || line.startsWith('#') || line.startsWith('subsys_name')) continue;
      const f = line.split(/\s+/);
      if (
        isKmem ||
        line.startsWith('limit_in_bytes=') ||
        line.startsWith('usage_in_bytes=') ||
        line.startsWith('slabinfo=')
      ) {
        readKmem(line, lineNo, state, w);
        if (state.kmem.line === undefined) state.kmem.line = lineNo;
        continue;
      }
      if (f[0] === 'nr_descendants' || f[0] === 'nr_dying_descendants') {
        const n = parseUint(f[1] ?? '');
        if (n === undefined) {
          w.add(`bad cgroup.stat value: ${excerpt(line)}`, lineNo);
          continue;
        }
        stat ??= { line: isStat ? sec.line : lineNo };
        if (f[0] === 'nr_descendants') stat.nrDescendants = n;
        else stat.nrDying = n;
        continue;
      }
      if (isStat) continue; // other cgroup.stat keys (nr_subsys_*) are not needed
      // A mount line: `cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0`.
      if (f.length >= 4 && (f[2] === 'cgroup' || f[2] === 'cgroup2')) {
        if (f[2] === 'cgroup2') v2 = true;
        else v1 = true;
        continue;
      }
      // A /proc/cgroups row: `memory 11 65535 1` (tabs in the file, spaces when pasted).
      if (f.length === 4) {
        const [h, n, e] = [parseUint(f[1]!), parseUint(f[2]!), parseUint(f[3]!)];
        if (h !== undefined && n !== undefined && e !== undefined && /^[a-z_][a-z0-9_]*$/.test(f[0]!)) {
          state.hierarchies.push({
            subsys: f[0]!,
            hierarchyId: h,
            numCgroups: n,
            enabled: e === 1,
            line: lineNo,
          });
          continue;
        }
      }
      w.add(`unrecognised cgroups line: ${excerpt(line)}`, lineNo);
    }
    if (stat && state.v2Stat === undefined) {
      if (stat.nrDescendants === undefined || stat.nrDying === undefined) {
        w.add('cgroup.stat without both nr_descendants and nr_dying_descendants', stat.line);
      } else {
        state.v2Stat = {
          nrDescendants: stat.nrDescendants,
          nrDyingDescendants: stat.nrDying,
          line: stat.line,
        };
        const path = isStat ? title.slice('cgroup.stat'.length).trim() : '';
        if (path) state.v2Stat.path = path;
      }
    }
  }
  if (v1 && v2) state.version = 'hybrid';
  else if (v2) state.version = 2;
  else if (v1) state.version = 1;
  return { value: state, warnings: w.done() };
}

function readKmem(line: string, lineNo: number, state: CgroupState, w: Warnings): void {
  const eq = line.indexOf('=');
  if (eq < 0) {
    w.add(`unrecognised kmem line: ${excerpt(line)}`, lineNo);
    return;
  }
  const key = line.slice(0, eq);
  const value = line.slice(eq + 1).trim();
  if (key === 'slabinfo') {
    if (value === 'readable') state.kmem.slabinfoReadable = true;
    else if (value === 'unreadable') state.kmem.slabinfoReadable = false;
    else w.add(`unknown slabinfo state "${excerpt(value)}"`, lineNo);
    return;
  }
  if (key !== 'limit_in_bytes' && key !== 'usage_in_bytes') {
    w.add(`unrecognised kmem line: ${excerpt(line)}`, lineNo);
    return;
  }
  // Empty when the file does not exist (kernel without kmem accounting): nothing to record.
  if (value === '') return;
  if (!/^\d{1,20}$/.test(value)) {
    w.add(`bad ${key} value "${excerpt(value)}"`, lineNo);
    return;
  }
  if (key === 'usage_in_bytes') {
    state.kmem.usageBytes = Number(value);
  } else {
    state.kmem.limitBytes = Number(value);
    state.kmem.limitSet = BigInt(value) < KMEM_UNLIMITED;
  }
}
