import type { Evidence } from '../model/finding.ts';
import type { MountEntry, MountNamespace, NodeState } from '../model/node-state.ts';
import { ContainerIndex, type MountHolder } from './container-index.ts';
import { buildDeviceIndex, type DeviceIndex, devKey, majMinOf } from './device-index.ts';
import { summarizeLogReferences, type LogReferenceSummary } from './log-references.ts';
import {
  type ContainerRootfs,
  isCsiGlobalmount,
  isKubeletVolumePath,
  isPodVolume,
  rootfsScanner,
} from './mount-paths.ts';
import { buildUmountGroup, type UmountPlanGroup } from './umount-plan.ts';

/**
 * Links host mounts, their copies in other places and their devices by (major:minor, root),
 * the way kubelet's GetDeviceMountRefs does, and says who holds each copy. Output is
 * JSON-safe and bounded: counts per holder and device plus capped example chains.
 */

export const LEAK_REASONS = [
  'under-container-rootfs',
  'kubelet-csi-globalmount',
  'kubelet-pod-volume',
  'holder-dead',
  'device-io-errors',
  'device-missing',
  'host-unmounted',
] as const;
export type LeakReason = (typeof LEAK_REASONS)[number];

export interface LeakChain {
  hostPath?: string;
  copyPath: string;
  device: string;
  majMin: string;
  holder: string;
  nsId?: string;
  probe: MountNamespace['probe'];
  line: number;
  reasons: LeakReason[];
}

export interface HolderSummary extends MountHolder {
  copies: number;
  devices: number;
  reasons: Partial<Record<LeakReason, number>>;
  examples: LeakChain[];
}

export interface DeviceSummary {
  device: string;
  majMin: string;
  copies: number;
  hostPaths: string[];
  ioErrors?: number;
  inBlockdev?: boolean;
}

export interface MountGraph {
  recordsTotal: number;
  hostRecords: number;
  namespaces: number;
  blockMountRecords: number;
  devicesMounted: number;
  underContainerRootfs: number;
  leakedCopies: number;
  leakedDevices: number;
  /** Live namespaces that see host volume paths by propagation (not leaks while the holder lives). */
  propagatedLive: number;
  reasons: Partial<Record<LeakReason, number>>;
  holders: HolderSummary[];
  holderTotal: number;
  devices: DeviceSummary[];
  deviceTotal: number;
  examples: LeakChain[];
  umountPlan: UmountPlanGroup[];
  evidence: Evidence[];
  fromLogs: LogReferenceSummary;
}

const CAP_HOLDERS = 20;
const CAP_DEVICES = 50;
const CAP_EXAMPLES = 20;
const CAP_HOLDER_EXAMPLES = 5;
const CAP_EVIDENCE = 20;

export interface MountGraphInput {
  /** Device names with kernel I/O errors and their counts. */
  ioErrorDevices?: Map<string, number>;
  /** Paths kubelet reported as "still mounted by other references". */
  logReferences?: string[];
  devices?: DeviceIndex;
  /** Called once per leaked copy with its reason bits (see reasonsOfFlags): the mount view colours copies with it. */
  onLeak?: (ns: MountNamespace, m: MountEntry, holder: MountHolder, flags: number) => void;
}

interface HolderAcc {
  holder: MountHolder;
  copies: number;
  devices: Set<number>;
  reasons: number[];
  examples: LeakChain[];
  paths: string[];
  inHostTable: boolean;
}

function mountText(m: MountEntry): string {
  return `${m.mountId} ${m.parentId} ${m.major}:${m.minor} ${m.root} ${m.mountPoint} - ${m.fsType} ${m.source}`;
}

function isCandidate(m: MountEntry): boolean {
  return (m.major !== 0 && m.fsType !== 'overlay') || isKubeletVolumePath(m.mountPoint);
}

/** Host source mount of a copy: same device and same root, as GetDeviceMountRefs compares. */
function sourceOf(byDevice: Map<number, MountEntry[]>, m: MountEntry): MountEntry | undefined {
  const list = byDevice.get(devKey(m));
  if (!list) return undefined;
  let best: MountEntry | undefined;
  for (const h of list) {
    if (h.root !== m.root) continue;
    if (!best || (isKubeletVolumePath(h.mountPoint) && !isKubeletVolumePath(best.mountPoint))) best = h;
  }
  return best;
}

interface DeviceAcc {
  key: number;
  device: string;
  majMin: string;
  copies: number;
  /** Reason bits that come from the device itself (I/O errors, missing from lsblk). */
  flags: number;
  known: boolean | undefined;
  io: number | undefined;
}

function bit(r: LeakReason): number {
  return 1 << LEAK_REASONS.indexOf(r);
}

export function reasonsOfFlags(flags: number): LeakReason[] {
  return reasonsOf(flags);
}

function reasonsOf(flags: number): LeakReason[] {
  return LEAK_REASONS.filter((_, i) => flags & (1 << i));
}

function countsOf(counts: number[]): Partial<Record<LeakReason, number>> {
  const out: Partial<Record<LeakReason, number>> = {};
  LEAK_REASONS.forEach((r, i) => {
    if ((counts[i] ?? 0) > 0) out[r] = counts[i];
  });
  return out;
}

function deviceSummary(d: DeviceAcc, devices: DeviceIndex): DeviceSummary {
  const out: DeviceSummary = {
    device: d.device,
    majMin: d.majMin,
    copies: d.copies,
    hostPaths: devices.hostMounts(d.device).slice(0, 3),
  };
  if (d.io !== undefined) out.ioErrors = d.io;
  if (d.known !== undefined) out.inBlockdev = d.known;
  return out;
}

export function buildMountGraph(state: NodeState, input: MountGraphInput = {}): MountGraph {
  const devices: DeviceIndex = input.devices ?? buildDeviceIndex(state.blockDevices, state.mountNamespaces);
  const containers = new ContainerIndex(state.containers, state.processes);
  const ioErrors = input.ioErrorDevices ?? new Map<string, number>();

  // Host-side sources: what kubelet mounted, keyed like GetDeviceMountRefs compares.
  const hostByDevice = new Map<number, MountEntry[]>();
  let recordsTotal = 0;
  let hostRecords = 0;
  let blockMountRecords = 0;
  const mountedDevices = new Set<number>();
  // Rootfs of every host mount, computed once: the scan is the costly part on 26,000 paths.
  const hostRootfs = new Map<MountNamespace, (ContainerRootfs | undefined)[]>();
  for (const ns of state.mountNamespaces) {
    recordsTotal += ns.mounts.length;
    if (ns.isHost) {
      hostRecords += ns.mounts.length;
      const scan = rootfsScanner();
      hostRootfs.set(
        ns,
        ns.mounts.map((m) => scan(m.mountPoint)),
      );
    }
    const roots = hostRootfs.get(ns);
    for (let i = 0; i < ns.mounts.length; i++) {
      const m = ns.mounts[i] as MountEntry;
      if (m.major === 0) continue;
      blockMountRecords++;
      mountedDevices.add(devKey(m));
      if (!ns.isHost || roots?.[i]) continue;
      const k = devKey(m);
      const list = hostByDevice.get(k);
      if (list) list.push(m);
      else hostByDevice.set(k, [m]);
    }
  }

  const holders = new Map<string, HolderAcc>();
  const perDevice = new Map<number, DeviceAcc>();
  const reasonCounts = new Array<number>(LEAK_REASONS.length).fill(0);
  const examples: LeakChain[] = [];
  const evidence: Evidence[] = [];
  let leaked = 0;
  let underRootfsTotal = 0;
  let propagatedLive = 0;

  // Per-device facts are looked up once, not once per copy (6,385 devices, 12,777 copies).
  const deviceAcc = (m: MountEntry): DeviceAcc => {
    const key = devKey(m);
    let d = perDevice.get(key);
    if (d) return d;
    const device = devices.nameOf(m);
    const known = m.major !== 0 ? devices.inBlockdev(device, key) : undefined;
    let flags = 0;
    if (ioErrors.has(device)) flags |= bit('device-io-errors');
    if (known === false) flags |= bit('device-missing');
    d = { key, device, majMin: majMinOf(m), copies: 0, flags, known, io: ioErrors.get(device) };
    perDevice.set(key, d);
    return d;
  };

  const record = (
    ns: MountNamespace,
    m: MountEntry,
    holder: MountHolder,
    flags0: number,
    inHostTable: boolean,
  ) => {
    leaked++;
    const d = deviceAcc(m);
    d.copies++;
    const flags = flags0 | d.flags;
    input.onLeak?.(ns, m, holder, flags);
    let acc = holders.get(holder.key);
    if (!acc) {
      acc = {
        holder,
        copies: 0,
        devices: new Set(),
        reasons: new Array<number>(LEAK_REASONS.length).fill(0),
        examples: [],
        paths: [],
        inHostTable,
      };
      holders.set(holder.key, acc);
    }
    acc.copies++;
    acc.devices.add(d.key);
    acc.paths.push(m.mountPoint);
    for (let b = 0; b < LEAK_REASONS.length; b++) {
      if (flags & (1 << b)) {
        reasonCounts[b] = (reasonCounts[b] as number) + 1;
        acc.reasons[b] = (acc.reasons[b] as number) + 1;
      }
    }
    if (acc.examples.length < CAP_HOLDER_EXAMPLES || examples.length < CAP_EXAMPLES) {
      const chain: LeakChain = {
        copyPath: m.mountPoint,
        device: d.device,
        majMin: d.majMin,
        holder: holder.key,
        probe: ns.probe,
        line: m.line,
        reasons: reasonsOf(flags),
      };
      const hostPath = sourceOf(hostByDevice, m)?.mountPoint ?? devices.hostMounts(d.device)[0];
      if (hostPath !== undefined) chain.hostPath = hostPath;
      if (!ns.isHost) chain.nsId = ns.nsId;
      if (acc.examples.length < CAP_HOLDER_EXAMPLES) acc.examples.push(chain);
      if (examples.length < CAP_EXAMPLES) examples.push(chain);
    }
    if (evidence.length < CAP_EVIDENCE) evidence.push({ probe: ns.probe, line: m.line, text: mountText(m) });
  };

  const pathFlags = (path: string): number =>
    isCsiGlobalmount(path)
      ? bit('kubelet-csi-globalmount')
      : isPodVolume(path)
        ? bit('kubelet-pod-volume')
        : 0;

  for (const ns of state.mountNamespaces) {
    if (ns.isHost) {
      const roots = hostRootfs.get(ns) ?? [];
      for (let i = 0; i < ns.mounts.length; i++) {
        const m = ns.mounts[i] as MountEntry;
        const r = roots[i];
        if (!r) continue;
        underRootfsTotal++;
        if (!isCandidate(m)) continue;
        const holder = containers.forRootfs(r);
        let flags = bit('under-container-rootfs') | pathFlags(m.mountPoint);
        if (holder.dead) flags |= bit('holder-dead');
        record(ns, m, holder, flags, true);
      }
      continue;
    }
    const holder = containers.forNamespace(ns);
    for (const m of ns.mounts) {
      if (!isCandidate(m)) continue;
      const hostGone = m.major !== 0 && !hostByDevice.has(devKey(m));
      const volumeCopy = isKubeletVolumePath(sourceOf(hostByDevice, m)?.mountPoint ?? '');
      const onVolumePath = isKubeletVolumePath(m.mountPoint);
      const bad = holder.dead || ((volumeCopy || onVolumePath) && deviceAcc(m).flags !== 0);
      if (hostGone || ((volumeCopy || onVolumePath) && bad)) {
        let flags = pathFlags(m.mountPoint);
        if (hostGone) flags |= bit('host-unmounted');
        if (holder.dead) flags |= bit('holder-dead');
        record(ns, m, holder, flags, false);
      } else if (onVolumePath) {
        propagatedLive++;
      }
    }
  }

  const holderList = [...holders.values()].sort((a, b) => b.copies - a.copies);
  // Devices looked up only to test a namespace copy are not leaked devices.
  const deviceList = [...perDevice.values()].filter((d) => d.copies > 0).sort((a, b) => b.copies - a.copies);
  return {
    recordsTotal,
    hostRecords,
    namespaces: state.mountNamespaces.length,
    blockMountRecords,
    devicesMounted: mountedDevices.size,
    underContainerRootfs: underRootfsTotal,
    leakedCopies: leaked,
    leakedDevices: deviceList.length,
    propagatedLive,
    reasons: countsOf(reasonCounts),
    holders: holderList.slice(0, CAP_HOLDERS).map((a) => ({
      ...a.holder,
      copies: a.copies,
      devices: a.devices.size,
      reasons: countsOf(a.reasons),
      examples: a.examples,
    })),
    holderTotal: holderList.length,
    devices: deviceList.slice(0, CAP_DEVICES).map((d) => deviceSummary(d, devices)),
    deviceTotal: deviceList.length,
    examples,
    umountPlan: holderList
      .slice(0, CAP_HOLDERS)
      .map((a) => buildUmountGroup(a.holder, a.paths, a.inHostTable)),
    evidence,
    fromLogs: summarizeLogReferences(input.logReferences ?? [], containers),
  };
}
