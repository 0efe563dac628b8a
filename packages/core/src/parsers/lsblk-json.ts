import type { BlockDevice } from '../model/node-state.ts';
import { splitLines, type Warnings } from './text.ts';

/**
 * `lsblk -J` in all its versions: `mountpoints` arrays (util-linux >= 2.37) or a single
 * `mountpoint`, sizes as numbers (`-b`, new) or strings ("274877906944" old `-b`, "256G"
 * without `-b`), `ro` as boolean, "0"/"1" or 0/1, nested `children`. Output cut by the probe's
 * size cap is not valid JSON; then the key lines are salvaged one by one.
 */
export function parseLsblkJson(text: string, w: Warnings): BlockDevice[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    w.add(`lsblk JSON is not valid (${(e as Error).message}); salvaging device lines`);
    return salvage(splitLines(text));
  }
  const nameLines = nameKeyLines(text);
  const top = (doc as { blockdevices?: unknown })?.blockdevices;
  if (!Array.isArray(top)) {
    w.add('lsblk JSON has no "blockdevices" array');
    return [];
  }
  const out: BlockDevice[] = [];
  // Objects are printed depth-first, each "name" key on its own line, so the n-th device
  // visited is the one named on the n-th "name" line.
  const visit = (node: unknown, parent: string | undefined) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const line = nameLines[out.length] ?? 1;
    const dev = toDevice(o, parent, line);
    if (dev) out.push(dev);
    else w.add('lsblk device without a name', line);
    if (Array.isArray(o.children)) for (const c of o.children) visit(c, dev?.name ?? parent);
  };
  for (const d of top) visit(d, undefined);
  return out;
}

/**
 * 1-based line of every `"name"` key, found on the whole text: splitting 5 MB of JSON into
 * 200,000 line strings just to number a few thousand keys is most of the parse cost.
 */
function nameKeyLines(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let nl = text.indexOf('\n');
  for (let at = text.indexOf('"name"'); at >= 0; at = text.indexOf('"name"', at + 6)) {
    while (nl >= 0 && nl < at) {
      line++;
      nl = text.indexOf('\n', nl + 1);
    }
    out.push(line);
  }
  return out;
}

function toDevice(
  o: Record<string, unknown>,
  parent: string | undefined,
  line: number,
): BlockDevice | undefined {
  const name = str(o.name) ?? str(o.kname);
  if (!name) return undefined;
  const dev: BlockDevice = { name, mountpoints: mountpointsOf(o), line };
  const majMin = str(o['maj:min']);
  if (majMin) dev.majMin = majMin;
  const type = str(o.type);
  if (type) dev.type = type;
  const size = parseSize(o.size);
  if (size !== undefined) dev.sizeBytes = size;
  const ro = o.ro;
  if (ro !== undefined && ro !== null) dev.readOnly = ro === true || ro === 1 || ro === '1';
  const fs = str(o.fstype);
  if (fs) dev.fsType = fs;
  const p = parent ?? str(o.pkname);
  if (p) dev.parent = p;
  return dev;
}

function mountpointsOf(o: Record<string, unknown>): string[] {
  if (Array.isArray(o.mountpoints))
    return o.mountpoints.filter((m): m is string => typeof m === 'string' && m !== '');
  const one = str(o.mountpoint);
  return one ? [one] : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Bytes from a number, a digit string, or lsblk's human form ("256G", "1.5T", "512M", "0B"). */
export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:[.,]\d+)?)\s*([BKMGTPE]?)(?:i?B)?$/i.exec(v.trim());
  if (!m) return undefined;
  const exp = 'BKMGTPE'.indexOf((m[2] || 'B').toUpperCase());
  return Math.round(Number(m[1]!.replace(',', '.')) * 1024 ** exp);
}

/**
 * Reads `"key": value` lines of a cut-off lsblk JSON; a `"name"` line starts a device. Parents
 * come from `pkname`, which the probe asks for.
 */
function salvage(lines: readonly string[]): BlockDevice[] {
  const out: BlockDevice[] = [];
  let cur: Record<string, unknown> | undefined;
  let line = 0;
  let inMountpoints = false;
  const flush = () => {
    const d = cur && toDevice(cur, undefined, line);
    if (d) out.push(d);
    cur = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (inMountpoints) {
      if (l.startsWith(']')) inMountpoints = false;
      else if (cur) {
        const v = tryJson(l.replace(/,$/, ''));
        if (typeof v === 'string') (cur.mountpoints as string[]).push(v);
      }
      continue;
    }
    const m = /^"([^"]+)"\s*:\s*(.*?),?$/.exec(l);
    if (!m) continue;
    const key = m[1]!;
    const raw = m[2]!;
    if (key === 'name') {
      flush();
      cur = {};
      line = i + 1;
    }
    if (!cur || key === 'children') continue;
    if (key === 'mountpoints') {
      const inline = tryJson(raw);
      cur.mountpoints = Array.isArray(inline) ? inline : [];
      inMountpoints = raw === '[';
      continue;
    }
    const v = tryJson(raw);
    // A half-written value at the cut is left out.
    if (v !== undefined) cur[key] = v;
  }
  flush();
  return out;
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
