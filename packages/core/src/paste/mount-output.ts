/**
 * mount(8) output (`/dev/sda1 on /var/lib/kubelet type ext4 (rw,relatime)`) and /proc/mounts
 * lines (`/dev/sda1 /var/lib/kubelet ext4 rw,relatime 0 0`) as mountinfo lines, so the mount
 * parser and detectors read them. Neither format has ids, device numbers or propagation:
 * ids are made up in order, the device is 0:0 and the root is `/`.
 */

const MOUNT8 = /^(\S+) on (\S+) type (\S+) \(([^)]*)\)\s*$/;
const PROC_MOUNTS = /^(\S+) (\/\S*) (\S+) (\S+) \d+ \d+\s*$/;

export function mountLineToMountinfo(line: string, id: number): string | undefined {
  if (line.length > 8192) return undefined;
  const m = MOUNT8.exec(line) ?? PROC_MOUNTS.exec(line);
  if (!m) return undefined;
  const [, source, target, fstype, opts] = m as unknown as [string, string, string, string, string];
  return `${id} 1 0:0 / ${target} ${opts} - ${fstype} ${source} ${opts}`;
}

export function isMountLine(line: string): boolean {
  return line.length <= 8192 && (MOUNT8.test(line) || PROC_MOUNTS.test(line));
}
