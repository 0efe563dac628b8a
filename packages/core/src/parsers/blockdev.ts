import type { BlockDevice } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { parseLsblkJson } from './lsblk-json.ts';
import { parseLsblkTree } from './lsblk-tree.ts';
import { parseUint, splitLines, Warnings } from './text.ts';

/**
 * Parses block devices from `lsblk -J` (the `blockdev` probe), plain `lsblk` / `lsblk -f` tree
 * output, or /proc/partitions as a last resort. Devices that lsblk prints more than once (a
 * dm device under each of its physical volumes) are kept once, under their first parent.
 */
export function parseBlockdev(text: string): ParseResult<BlockDevice[]> {
  const w = new Warnings('blockdev');
  const at = text.search(/\S/);
  if (at < 0) return { value: [], warnings: [] };
  // JSON is read from the text itself: its lines are only needed to salvage a cut-off document.
  if (text.charCodeAt(at) === 123) return { value: dedupe(parseLsblkJson(text, w)), warnings: w.done() };
  const lines = splitLines(text);
  const first = lines.findIndex((l) => l.trim().length > 0);
  const head = lines[first]!.trim();
  let devices: BlockDevice[];
  if (/^major\s+minor\s+#blocks\s+name$/.test(head)) devices = parsePartitions(lines, w);
  else devices = parseLsblkTree(lines, w);
  return { value: dedupe(devices), warnings: w.done() };
}

function dedupe(devices: BlockDevice[]): BlockDevice[] {
  const seen = new Set<string>();
  const out: BlockDevice[] = [];
  for (const d of devices) {
    if (seen.has(d.name)) continue;
    seen.add(d.name);
    out.push(d);
  }
  return out;
}

/**
 * /proc/partitions: `major minor #blocks name` with 1 KiB blocks. It has no tree, so a
 * partition's parent is inferred from its name (vda1 -> vda, nvme0n1p2 -> nvme0n1).
 */
function parsePartitions(lines: readonly string[], w: Warnings): BlockDevice[] {
  const out: BlockDevice[] = [];
  const names = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const f = lines[i]!.trim().split(/\s+/);
    if (f.length === 1 && f[0] === '') continue;
    if (f[0] === 'major') continue;
    const [maj, min, blocks] = [parseUint(f[0] ?? ''), parseUint(f[1] ?? ''), parseUint(f[2] ?? '')];
    if (f.length !== 4 || maj === undefined || min === undefined || blocks === undefined) {
      w.add(`unrecognised /proc/partitions line: ${lines[i]!.trim().slice(0, 80)}`, i + 1);
      continue;
    }
    const name = f[3]!;
    names.add(name);
    out.push({ name, majMin: `${maj}:${min}`, sizeBytes: blocks * 1024, mountpoints: [], line: i + 1 });
  }
  for (const d of out) {
    const m = /^(.*?\d)p\d+$|^(.*?[a-z])\d+$/.exec(d.name);
    const parent = m ? (m[1] ?? m[2]) : undefined;
    if (parent && parent !== d.name && names.has(parent)) {
      d.parent = parent;
      d.type = 'part';
    }
  }
  return out;
}
