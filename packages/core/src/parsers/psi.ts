import type { PressureResource, PressureState, PsiLine } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { excerpt, parseDecimal, parseUint, splitLines, Warnings } from './text.ts';

type Resource = 'cpu' | 'memory' | 'io';
const RESOURCES: readonly Resource[] = ['cpu', 'memory', 'io'];

/**
 * Parses /proc/pressure/{cpu,memory,io}: the `psi` probe (`## cpu` sections whose body may be a
 * `cat: …: No such file or directory` error) and pasted text: `grep . /proc/pressure/*`
 * (`/proc/pressure/io:some …`), `head` banners, `$ cat /proc/pressure/io` transcripts.
 * Unlabelled files pasted one after another in `cat /proc/pressure/*` order (cpu, io, memory)
 * are recognised when there are exactly three of them.
 *
 * A `some`/`full` line with a missing or non-numeric value is malformed: it is reported and its
 * whole file is dropped, so a resource never carries half of a corrupt reading. Other lines are
 * ignored.
 */
export function parsePsi(text: string): ParseResult<PressureState> {
  const w = new Warnings('psi');
  const lines = splitLines(text);
  const files: PsiFile[] = [];
  let cur: PsiFile | undefined;
  const open = (resource: Resource | undefined, line: number): PsiFile => {
    cur = { resource, line, some: undefined, full: undefined, malformed: false };
    files.push(cur);
    return cur;
  };

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    if (line.length === 0) continue;
    const named = resourceNamed(line);
    if (!line.startsWith('some ') && !line.startsWith('full ')) {
      const at = Math.max(line.indexOf(':some '), line.indexOf(':full '));
      if (named === undefined || at < 0) {
        // Section headers, banners and prompts start a new file; anything else is ignored.
        if (line.startsWith('## ') || line.startsWith('==>') || line.startsWith('$ ')) open(named, i + 1);
        continue;
      }
      if (cur?.resource !== named) open(named, i + 1);
      line = line.slice(at + 1);
    }
    const k = line.startsWith('some ') ? 'some' : 'full';
    // Back-to-back unlabelled files (`cat /proc/pressure/*`): a new `some` starts the next one.
    const fresh =
      !cur || (cur.resource === undefined && k === 'some' && (cur.some || cur.full || cur.malformed));
    const file = fresh ? open(undefined, i + 1) : cur!;
    const parsed = parsePsiLine(line, i + 1);
    if (typeof parsed === 'string') {
      file.malformed = true;
      w.add(`malformed PSI line: ${parsed}: ${excerpt(line)}`, i + 1);
    } else if (file[k]) {
      w.add(`duplicate "${k}" line`, i + 1);
    } else {
      file[k] = parsed;
    }
  }

  const state: PressureState = { available: false };
  const withData = files.filter((f) => f.some || f.full || f.malformed);
  const unlabelled = withData.filter((f) => f.resource === undefined);
  if (unlabelled.length === 3 && withData.length === 3) {
    unlabelled[0]!.resource = 'cpu';
    unlabelled[1]!.resource = 'io';
    unlabelled[2]!.resource = 'memory';
  } else if (unlabelled.length === 1 && withData.length === 1 && !unlabelled[0]!.malformed) {
    // A single pasted file: keep it, unnamed, rather than guess which resource it was.
    const f = unlabelled[0]!;
    state.available = true;
    state.unlabelled = { ...(f.some ? { some: f.some } : {}), ...(f.full ? { full: f.full } : {}) };
    w.add(
      'PSI file without a resource name: kept as "unnamed" (paste with its /proc/pressure/<r> path to name it)',
      f.line,
    );
  } else if (unlabelled.length > 0) {
    w.add(
      'PSI lines without a resource name (expected "## cpu|memory|io" or /proc/pressure/<r>)',
      unlabelled[0]!.line,
    );
  }
  for (const f of withData) {
    if (f.resource === undefined) continue;
    // Files that exist count as PSI being available even when their content was malformed.
    state.available = true;
    if (f.malformed) continue;
    const res: PressureResource = {};
    if (f.some) res.some = f.some;
    if (f.full) res.full = f.full;
    state[f.resource] = res;
  }
  return { value: state, warnings: w.done() };
}

interface PsiFile {
  resource: Resource | undefined;
  line: number;
  some: PsiLine | undefined;
  full: PsiLine | undefined;
  malformed: boolean;
}

/** `## io`, `==> /proc/pressure/io <==`, `$ cat /proc/pressure/io`, `/proc/pressure/io:some …`. */
function resourceNamed(line: string): Resource | undefined {
  const m = /pressure\/(cpu|memory|io)\b/.exec(line);
  if (m) return m[1] as Resource;
  if (line.startsWith('## ')) {
    const t = line.slice(3).trim();
    if ((RESOURCES as readonly string[]).includes(t)) return t as Resource;
  }
  return undefined;
}

/** `some avg10=0.13 avg60=0.68 avg300=0.28 total=1195993`; extra keys are tolerated. */
export function parsePsiLine(line: string, lineNo: number): PsiLine | string {
  const parts = line.split(/\s+/);
  const vals: Record<string, string> = {};
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    const eq = p.indexOf('=');
    if (eq > 0) vals[p.slice(0, eq)] = p.slice(eq + 1);
  }
  const avg10 = parseDecimal(vals.avg10 ?? '');
  const avg60 = parseDecimal(vals.avg60 ?? '');
  const avg300 = parseDecimal(vals.avg300 ?? '');
  const total = parseUint(vals.total ?? '');
  if (avg10 === undefined) return 'bad or missing avg10';
  if (avg60 === undefined) return 'bad or missing avg60';
  if (avg300 === undefined) return 'bad or missing avg300';
  if (total === undefined) return 'bad or missing total';
  return { avg10, avg60, avg300, total, line: lineNo };
}
