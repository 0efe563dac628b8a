import type { BlockDevice, MountEntry, MountNamespace } from '../model/node-state.ts';

/**
 * Joins block devices and mounts by name and major:minor. Mount sources are unreliable on
 * their own ("/dev/vdfiw", "/dev/mapper/x", "none"), lsblk may be missing or truncated, so
 * both directions fall back on each other.
 */
export interface DeviceIndex {
  nameOf(m: MountEntry): string;
  /** Device known to lsblk (by name or major:minor)? Undefined when no lsblk data at all. */
  inBlockdev(name: string, majMin?: string): boolean | undefined;
  /** Host mount points per device name. */
  hostMounts(name: string): string[];
  blockdevByName(name: string): BlockDevice | undefined;
}

export function majMinOf(m: MountEntry): string {
  return `${m.major}:${m.minor}`;
}

export function buildDeviceIndex(blockDevices: BlockDevice[], namespaces: MountNamespace[]): DeviceIndex {
  const byMajMin = new Map<string, BlockDevice>();
  const byName = new Map<string, BlockDevice>();
  for (const d of blockDevices) {
    byName.set(d.name, d);
    if (d.majMin) byMajMin.set(d.majMin, d);
  }
  const nameOf = (m: MountEntry): string => {
    const d = byMajMin.get(majMinOf(m));
    if (d) return d.name;
    if (m.source.startsWith('/dev/')) return m.source.slice(5);
    return m.source !== '' && m.source !== 'none' ? m.source : majMinOf(m);
  };
  const host = new Map<string, string[]>();
  for (const ns of namespaces) {
    if (!ns.isHost) continue;
    for (const m of ns.mounts) {
      if (m.major === 0) continue;
      const name = nameOf(m);
      const list = host.get(name);
      if (list) list.push(m.mountPoint);
      else host.set(name, [m.mountPoint]);
    }
  }
  const hasBlockdev = blockDevices.length > 0;
  return {
    nameOf,
    inBlockdev: (name, majMin) => {
      if (!hasBlockdev) return undefined;
      return byName.has(name) || (majMin !== undefined && byMajMin.has(majMin));
    },
    hostMounts: (name) => host.get(name) ?? [],
    blockdevByName: (name) => byName.get(name),
  };
}
