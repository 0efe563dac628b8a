import type { BlockDevice, MountEntry, MountNamespace } from '../model/node-state.ts';

/**
 * Joins block devices and mounts by name and major:minor. Mount sources are unreliable on
 * their own ("/dev/vdfiw", "/dev/mapper/x", "none"), lsblk may be missing or truncated, so
 * both directions fall back on each other. Keys are numbers (major << 20 | minor): tables of
 * 26,000 mounts make string keys a measurable cost.
 */
export interface DeviceIndex {
  nameOf(m: MountEntry): string;
  /** Device known to lsblk (by name or major:minor)? Undefined when no lsblk data at all. */
  inBlockdev(name: string, key?: number): boolean | undefined;
  /** Host mount points per device name. */
  hostMounts(name: string): string[];
  blockdevByName(name: string): BlockDevice | undefined;
}

const MINOR_BITS = 0x100000;

export function devKey(m: MountEntry): number {
  return m.major * MINOR_BITS + m.minor;
}

export function majMinOf(m: MountEntry): string {
  return `${m.major}:${m.minor}`;
}

function parseMajMin(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const i = s.indexOf(':');
  if (i < 0) return undefined;
  const major = Number(s.slice(0, i));
  const minor = Number(s.slice(i + 1));
  return Number.isInteger(major) && Number.isInteger(minor) ? major * MINOR_BITS + minor : undefined;
}

export function buildDeviceIndex(blockDevices: BlockDevice[], namespaces: MountNamespace[]): DeviceIndex {
  const byKey = new Map<number, BlockDevice>();
  const byName = new Map<string, BlockDevice>();
  for (const d of blockDevices) {
    byName.set(d.name, d);
    const k = parseMajMin(d.majMin);
    if (k !== undefined) byKey.set(k, d);
  }
  const names = new Map<number, string>();
  const nameOf = (m: MountEntry): string => {
    const k = devKey(m);
    const cached = names.get(k);
    if (cached !== undefined) return cached;
    const d = byKey.get(k);
    let name: string;
    if (d) name = d.name;
    else if (m.source.startsWith('/dev/')) name = m.source.slice(5);
    else name = m.source !== '' && m.source !== 'none' ? m.source : majMinOf(m);
    names.set(k, name);
    return name;
  };
  // Built on first use: most analyses ask for a handful of devices.
  let host: Map<string, string[]> | undefined;
  const hostMap = (): Map<string, string[]> => {
    if (host) return host;
    host = new Map();
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
    return host;
  };
  const hasBlockdev = blockDevices.length > 0;
  return {
    nameOf,
    inBlockdev: (name, key) => {
      if (!hasBlockdev) return undefined;
      return byName.has(name) || (key !== undefined && byKey.has(key));
    },
    hostMounts: (name) => hostMap().get(name) ?? [],
    blockdevByName: (name) => byName.get(name),
  };
}
