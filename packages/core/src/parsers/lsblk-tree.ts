import type { BlockDevice } from '../model/node-state.ts';
import { parseSize } from './lsblk-json.ts';
import { excerpt, type Token, tokenize, type Warnings } from './text.ts';

/**
 * Plain `lsblk` output: a header (`NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINT`, any subset, e.g.
 * `lsblk -f`), then one row per device with the tree drawn in the NAME column (`├─vda1`,
 * `└─vda1`, `│ └─dm-0`, or ASCII `|-vda1`, `` `-vda1 ``). Cells can be empty (no FSTYPE, no
 * mount point), so cells are assigned to columns by position: text columns are left-aligned
 * under their header, numbers right-aligned. MOUNTPOINTS continuation lines (a second mount
 * point of the same device) are added to the device above.
 */
export function parseLsblkTree(lines: readonly string[], w: Warnings): BlockDevice[] {
  const out: BlockDevice[] = [];
  let header: Token[] | undefined;
  const stack: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim().length === 0) continue;
    const tokens = tokenize(line);
    if (
      tokens[0]?.text === 'NAME' &&
      tokens[0].start === 0 &&
      tokens.every((t) => /^[A-Z:%-]+$/.test(t.text))
    ) {
      header = tokens;
      continue;
    }
    if (!header) {
      w.add(`lsblk line before a NAME header: ${excerpt(line)}`, i + 1);
      continue;
    }
    const { depth, nameStart } = treePrefix(line);
    const lastCol = header[header.length - 1]!;
    const cells = tokenize(line.slice(nameStart)).map((t) => ({
      ...t,
      start: t.start + nameStart,
      end: t.end + nameStart,
    }));
    if (cells.length === 0) continue;
    if (cells[0]!.start >= lastCol.start && header.length > 1 && out.length > 0) {
      out[out.length - 1]!.mountpoints.push(line.slice(cells[0]!.start).trim());
      continue;
    }
    const name = cells[0]!.text;
    const dev: BlockDevice = { name, mountpoints: [], line: i + 1 };
    stack.length = depth;
    if (depth > 0 && stack[depth - 1]) dev.parent = stack[depth - 1];
    stack[depth] = name;
    assignCells(line, cells.slice(1), header, dev);
    out.push(dev);
  }
  if (!header && lines.some((l) => l.trim().length > 0)) w.add('no lsblk header (NAME …) found');
  return out;
}

/** Length of the tree drawing before the name; every level is two characters wide. */
function treePrefix(line: string): { depth: number; nameStart: number } {
  let i = 0;
  while (i < line.length && '│├└─|`- '.includes(line[i]!)) i++;
  // A name may itself start with '-' only in theory; the drawing always comes in pairs.
  return { depth: Math.floor(i / 2), nameStart: i };
}

function assignCells(line: string, cells: Token[], header: Token[], dev: BlockDevice): void {
  const last = header.length - 1;
  for (let k = 0; k < cells.length; k++) {
    const t = cells[k]!;
    const col = columnFor(t, header);
    if (col <= 0) continue; // NAME column or left of it: stray drawing
    const key = header[col]!.text;
    if (col === last && (key === 'MOUNTPOINT' || key === 'MOUNTPOINTS')) {
      dev.mountpoints.push(line.slice(t.start).trim());
      return;
    }
    setField(dev, key, t.text);
  }
}

function columnFor(t: Token, header: Token[]): number {
  let best = -1;
  let bestOverlap = 0;
  for (let c = 0; c < header.length; c++) {
    const h = header[c]!;
    if (t.start === h.start || t.end === h.end) return c;
    const overlap = Math.min(t.end, h.end) - Math.max(t.start, h.start);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = c;
    }
  }
  if (best >= 0) return best;
  // No overlap: the column whose header starts last before the cell.
  for (let c = header.length - 1; c >= 0; c--) if (header[c]!.start <= t.start) return c;
  return -1;
}

function setField(dev: BlockDevice, key: string, v: string): void {
  switch (key) {
    case 'MAJ:MIN':
      dev.majMin = v;
      break;
    case 'TYPE':
      dev.type = v;
      break;
    case 'SIZE': {
      const s = parseSize(v);
      if (s !== undefined) dev.sizeBytes = s;
      break;
    }
    case 'RO':
      dev.readOnly = v === '1';
      break;
    case 'FSTYPE':
      dev.fsType = v;
      break;
    case 'PKNAME':
      dev.parent ??= v;
      break;
    default:
      break;
  }
}
