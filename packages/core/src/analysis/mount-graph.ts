import type { Evidence } from '../model/finding.ts';
import type { MountEntry, MountNamespace, NodeState } from '../model/node-state.ts';
import { ContainerIndex, type MountHolder } from './container-index.ts';
import { buildDeviceIndex, type DeviceIndex, majMinOf } from './device-index.ts';
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
}

interface HolderAcc {
  holder: MountHolder;
  copies: number;
  devices: Set<string>;
  reasons: Partial<Record<LeakReason, number>>;
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

function keyOf(m: MountEntry): string {
  return `${m.major}:${m.minor}|${m.root}`;
}

export function buildMountGraph(state: NodeState, input: MountGraphInput = {}): MountGraph {
  const devices: DeviceIndex = input.devices ?? buildDeviceIndex(state.blockDevices, state.mountNamespaces);
  const containers = new ContainerIndex(state.containers, state.processes);
  const ioErrors = input.ioErrorDevices ?? new Map<string, number>();

  // Host-side sources: what kubelet mounted, keyed like GetDeviceMountRefs compares.
  const hostByKey = new Map<string, MountEntry>();
  const hostDevices = new Set<string>();
  let recordsTotal = 0;
  let hostRecords = 0;
  let blockMountRecords = 0;
  const mountedDevices = new Set<string>();
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
      mountedDevices.add(majMinOf(m));
      if (!ns.isHost || roots?.[i]) continue;
      hostDevices.add(majMinOf(m));
      const k = keyOf(m);
      const prev = hostByKey.get(k);
      if (!prev || (isKubeletVolumePath(m.mountPoint) && !isKubeletVolumePath(prev.mountPoint)))
        hostByKey.set(k, m);
    }
  }

  const holders = new Map<string, HolderAcc>();
  const perDevice = new Map<string, DeviceSummary>();
  const reasons: Partial<Record<LeakReason, number>> = {};
  const examples: LeakChain[] = [];
  const evidence: Evidence[] = [];
  let leaked = 0;
  let underRootfsTotal = 0;
  let propagatedLive = 0;

  const record = (
    ns: MountNamespace,
    m: MountEntry,
    holder: MountHolder,
    rs: LeakReason[],
    inHostTable: boolean,
  ) => {
    leaked++;
    const majMin = majMinOf(m);
    const device = devices.nameOf(m);
    if (ioErrors.has(device)) rs.push('device-io-errors');
    if (devices.inBlockdev(device, majMin) === false && m.major !== 0) rs.push('device-missing');
    for (const r of rs) reasons[r] = (reasons[r] ?? 0) + 1;
    let acc = holders.get(holder.key);
    if (!acc) {
      acc = { holder, copies: 0, devices: new Set(), reasons: {}, examples: [], paths: [], inHostTable };
      holders.set(holder.key, acc);
    }
    acc.copies++;
    acc.devices.add(majMin);
    acc.paths.push(m.mountPoint);
    for (const r of rs) acc.reasons[r] = (acc.reasons[r] ?? 0) + 1;
    if (acc.examples.length < CAP_HOLDER_EXAMPLES || examples.length < CAP_EXAMPLES) {
      const chain: LeakChain = {
        copyPath: m.mountPoint,
        device,
        majMin,
        holder: holder.key,
        probe: ns.probe,
        line: m.line,
        reasons: rs,
      };
      const hostPath = hostByKey.get(keyOf(m))?.mountPoint ?? devices.hostMounts(device)[0];
      if (hostPath !== undefined) chain.hostPath = hostPath;
      if (!ns.isHost) chain.nsId = ns.nsId;
      if (acc.examples.length < CAP_HOLDER_EXAMPLES) acc.examples.push(chain);
      if (examples.length < CAP_EXAMPLES) examples.push(chain);
    }
    if (evidence.length < CAP_EVIDENCE) evidence.push({ probe: ns.probe, line: m.line, text: mountText(m) });
    let d = perDevice.get(majMin);
    if (!d) {
      d = { device, majMin, copies: 0, hostPaths: devices.hostMounts(device).slice(0, 3) };
      const io = ioErrors.get(device);
      if (io !== undefined) d.ioErrors = io;
      const known = devices.inBlockdev(device, majMin);
      if (known !== undefined) d.inBlockdev = known;
      perDevice.set(majMin, d);
    }
    d.copies++;
  };

  const pathReasons = (path: string, out: LeakReason[]) => {
    if (isCsiGlobalmount(path)) out.push('kubelet-csi-globalmount');
    else if (isPodVolume(path)) out.push('kubelet-pod-volume');
  };

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
        const rs: LeakReason[] = ['under-container-rootfs'];
        pathReasons(m.mountPoint, rs);
        if (holder.dead) rs.push('holder-dead');
        record(ns, m, holder, rs, true);
      }
      continue;
    }
    const holder = containers.forNamespace(ns);
    for (const m of ns.mounts) {
      if (!isCandidate(m)) continue;
      const hostGone = m.major !== 0 && !hostDevices.has(majMinOf(m));
      const volumeCopy =
        hostByKey.has(keyOf(m)) && isKubeletVolumePath(hostByKey.get(keyOf(m))?.mountPoint ?? '');
      const onVolumePath = isKubeletVolumePath(m.mountPoint);
      const device = devices.nameOf(m);
      const bad = holder.dead || ioErrors.has(device) || devices.inBlockdev(device, majMinOf(m)) === false;
      if (hostGone || ((volumeCopy || onVolumePath) && bad)) {
        const rs: LeakReason[] = [];
        if (hostGone) rs.push('host-unmounted');
        pathReasons(m.mountPoint, rs);
        if (holder.dead) rs.push('holder-dead');
        record(ns, m, holder, rs, false);
      } else if (onVolumePath) {
        propagatedLive++;
      }
    }
  }

  const holderList = [...holders.values()].sort((a, b) => b.copies - a.copies);
  const deviceList = [...perDevice.values()].sort((a, b) => b.copies - a.copies);
  return {
    recordsTotal,
    hostRecords,
    namespaces: state.mountNamespaces.length,
    blockMountRecords,
    devicesMounted: mountedDevices.size,
    underContainerRootfs: underRootfsTotal,
    leakedCopies: leaked,
    leakedDevices: perDevice.size,
    propagatedLive,
    reasons,
    holders: holderList.slice(0, CAP_HOLDERS).map((a) => ({
      ...a.holder,
      copies: a.copies,
      devices: a.devices.size,
      reasons: a.reasons,
      examples: a.examples,
    })),
    holderTotal: holderList.length,
    devices: deviceList.slice(0, CAP_DEVICES),
    deviceTotal: deviceList.length,
    examples,
    umountPlan: holderList
      .slice(0, CAP_HOLDERS)
      .map((a) => buildUmountGroup(a.holder, a.paths, a.inHostTable)),
    evidence,
    fromLogs: summarizeLogReferences(input.logReferences ?? [], containers),
  };
}
