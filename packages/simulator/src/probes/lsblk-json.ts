/**
 * `lsblk -J -b -o NAME,KNAME,MAJ:MIN,TYPE,SIZE,RO,FSTYPE,MOUNTPOINTS,PKNAME` as util-linux 2.37+
 * prints it (3-space indent, `},{` between siblings), plus the older variants the probe's
 * fallbacks produce: JSON with a single `mountpoint` (util-linux 2.33-2.36) and the plain
 * table (util-linux 2.23 on EL7, which has no -J).
 */
export interface BlockDev {
  name: string;
  majMin: string;
  type: 'disk' | 'part' | 'lvm' | 'loop' | 'rom';
  sizeBytes: number;
  ro: boolean;
  fsType: string | null;
  mountpoints: string[];
  children?: BlockDev[];
}

export type LsblkStyle = 'mountpoints' | 'mountpoint' | 'text';

function str(s: string | null): string {
  return s === null ? 'null' : JSON.stringify(s);
}

function renderDevice(
  d: BlockDev,
  parent: string | null,
  indent: string,
  style: LsblkStyle,
  out: string[],
): void {
  const i = `${indent}   `;
  out.push(`${indent}{`);
  out.push(`${i}"name": ${str(d.name)},`);
  out.push(`${i}"kname": ${str(d.name)},`);
  out.push(`${i}"maj:min": ${str(d.majMin)},`);
  out.push(`${i}"type": ${str(d.type)},`);
  out.push(`${i}"size": ${d.sizeBytes},`);
  out.push(`${i}"ro": ${d.ro},`);
  out.push(`${i}"fstype": ${str(d.fsType)},`);
  if (style === 'mountpoints') {
    out.push(`${i}"mountpoints": [`);
    const mps = d.mountpoints.length > 0 ? d.mountpoints.map(str) : ['null'];
    out.push(`${i}    ${mps.join(`, `)}`);
    out.push(`${i}],`);
  } else {
    out.push(`${i}"mountpoint": ${str(d.mountpoints[0] ?? null)},`);
  }
  const kids = d.children ?? [];
  out.push(`${i}"pkname": ${str(parent)}${kids.length > 0 ? ',' : ''}`);
  if (kids.length > 0) {
    out.push(`${i}"children": [`);
    kids.forEach((k, n) => {
      const before = out.length;
      renderDevice(k, d.name, `${i}   `, style, out);
      if (n > 0) joinSiblings(out, before);
    });
    out.push(`${i}]`);
  }
  out.push(`${indent}}`);
}

/** util-linux writes `},{` on one line between siblings instead of `},` then `{`. */
function joinSiblings(out: string[], firstLineOfNext: number): void {
  const prevClose = out[firstLineOfNext - 1] as string;
  out[firstLineOfNext - 1] = `${prevClose},{`;
  out.splice(firstLineOfNext, 1);
}

function renderJson(devices: readonly BlockDev[], style: LsblkStyle): string {
  const out: string[] = ['{', '   "blockdevices": ['];
  devices.forEach((d, n) => {
    const before = out.length;
    renderDevice(d, null, '      ', style, out);
    if (n > 0) joinSiblings(out, before);
  });
  out.push('   ]', '}');
  return `${out.join('\n')}\n`;
}

function renderText(devices: readonly BlockDev[]): string {
  const rows: string[][] = [['NAME', 'MAJ:MIN', 'RM', 'TYPE', 'SIZE', 'RO', 'FSTYPE', 'MOUNTPOINT']];
  const add = (d: BlockDev, prefix: string) => {
    rows.push([
      prefix + d.name,
      d.majMin,
      '0',
      d.type,
      String(d.sizeBytes),
      d.ro ? '1' : '0',
      d.fsType ?? '',
      d.mountpoints[0] ?? '',
    ]);
    const kids = d.children ?? [];
    kids.forEach((k, n) => {
      add(k, n === kids.length - 1 ? '└─' : '├─');
    });
  };
  for (const d of devices) add(d, '');
  // The fallback asks for NAME,MAJ:MIN,TYPE,SIZE,RO,FSTYPE,MOUNTPOINT: drop the RM column.
  const shown = rows.map((r) => r.filter((_, idx) => idx !== 2));
  const widths = shown[0]!.map((_, c) => Math.max(...shown.map((r) => (r[c] as string).length)));
  const rightAligned = new Set([1, 3, 4]);
  return `${shown
    .map((r) =>
      r
        .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join(' ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

export function renderLsblk(devices: readonly BlockDev[], style: LsblkStyle): string {
  return style === 'text' ? renderText(devices) : renderJson(devices, style);
}

/** Kernel virtio-blk names: vda … vdz, vdaa … vdzz, vdaaa … */
export function virtioName(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `vd${s}`;
}
