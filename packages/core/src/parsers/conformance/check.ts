import type { MountEntry } from '../../model/node-state.ts';
import { parseMountinfo } from '../mountinfo.ts';
import { blockText, type CorpusBlock, type CorpusFile, splitCorpusFile } from './corpus.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface FileReport {
  file: string;
  /** False when the file is new to us and only generic checks ran. */
  known: boolean;
  checks: Check[];
}

/** Collects checks; `eq` compares JSON forms so arrays and objects compare by value. */
export class Checks {
  readonly list: Check[] = [];
  eq(name: string, actual: unknown, expected: unknown): void {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    this.list.push(a === e ? { name, ok: true } : { name, ok: false, detail: `expected ${e}, got ${a}` });
  }
  ok(name: string, cond: boolean, detail?: string): void {
    this.list.push(cond ? { name, ok: true } : { name, ok: false, detail: detail ?? 'condition is false' });
  }
}

export type FileChecker = (file: CorpusFile, c: Checks) => void;

/** Parses one block as a mount table. */
export function mounts(block: CorpusBlock | undefined): {
  value: MountEntry[];
  warningLines: (number | undefined)[];
} {
  const r = parseMountinfo(block ? blockText(block) : '');
  return { value: r.value, warningLines: r.warnings.map((w) => w.line) };
}

export function block(file: CorpusFile, markerPrefix: string): CorpusBlock | undefined {
  return file.blocks.find((b) => b.marker.startsWith(markerPrefix));
}

export function byId(ms: readonly MountEntry[], id: number): MountEntry | undefined {
  return ms.find((m) => m.mountId === id);
}

/** Runs the stated expectations of a known file, or generic checks for a file new to us. */
export function runChecks(name: string, text: string, known: Record<string, FileChecker>): FileReport {
  const file = splitCorpusFile(text);
  const c = new Checks();
  const checker = known[name];
  try {
    if (checker) checker(file, c);
    else genericChecks(name, file, c);
  } catch (e) {
    c.ok('checks ran without an exception', false, String(e));
  }
  return { file: name, known: checker !== undefined, checks: c.list };
}

/** A mountinfo file we have no table for: its header's "expects N entries" is still checked. */
function genericChecks(name: string, file: CorpusFile, c: Checks): void {
  c.ok('file has a header', file.header.length > 0);
  if (!name.startsWith('01_mountinfo')) return;
  const total = file.blocks.reduce((n, b) => n + mounts(b).value.length, 0);
  const stated = /(?:expects|ground truth:)\s+(\d+)\s+entries/.exec(file.header.join('\n'));
  if (stated && file.blocks.length === 1) c.eq('entry count stated in the header', total, Number(stated[1]));
  else c.ok('some entries parsed', total > 0);
}
