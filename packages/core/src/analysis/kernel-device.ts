/**
 * Pulls the block device a kernel message is about: "EXT4-fs error (device vdfiw)",
 * "XFS (vdb)", "I/O error, dev vdb, sector", "Buffer I/O error on dev vdb1",
 * "Aborting journal on device vdfiw-8." (jbd2 names the journal as <dev>-<inode>).
 */
const DEVICE_PATTERNS: { re: RegExp; journal?: boolean }[] = [
  { re: /\(device ([\w.:-]+)\)/ },
  { re: /EXT4-fs \(([\w.:-]+)\)/ },
  { re: /XFS \(([\w.:-]+)\)/ },
  { re: /I\/O error,? dev ([\w.:-]+)/ },
  { re: /Buffer I\/O error on dev(?:ice)? ([\w.:-]+)/ },
  { re: /journal on device ([\w.:-]+)/, journal: true },
  { re: /JBD2: .* for ([\w.:-]+)/, journal: true },
  { re: /\bdev(?:ice)? ([a-z][\w.:-]*)/ },
];

function clean(name: string, journal: boolean): string {
  let n = name.replace(/[.,:]+$/, '');
  // jbd2 journal names carry the journal inode: vdfiw-8 is device vdfiw.
  if (journal) n = n.replace(/-\d+$/, '');
  return n;
}

export function kernelMessageDevice(message: string): string | undefined {
  for (const { re, journal } of DEVICE_PATTERNS) {
    const m = re.exec(message);
    if (m?.[1]) return clean(m[1], journal === true);
  }
  return undefined;
}

/** "vda1" -> "vda", "nvme0n1p2" -> "nvme0n1", "vdfiw" -> "vdfiw". */
export function parentDiskName(name: string): string {
  const nvme = /^(nvme\d+n\d+)p\d+$/.exec(name);
  if (nvme?.[1]) return nvme[1];
  const m = /^((?:[sv]|xv|h)d[a-z]+)\d+$/.exec(name);
  return m?.[1] ?? name;
}
