import { shortId } from '../metrics/format.ts';
import type { HolderRec, MountRec } from './mount-model.ts';
import type { DeviceClass, MountClass } from './types.ts';

/** Words the page, the text tree and the DOT graph share. */

export const DEVICE_CLASS_LABEL: Record<DeviceClass, string> = {
  csi: 'CSI disks',
  'pod-volume': 'pod volume disks',
  system: 'system disks',
  network: 'network filesystems',
  'no-host-mount': 'devices with no host mount',
};

export const MOUNT_CLASS_LABEL: Record<MountClass, string> = {
  'csi-globalmount': 'CSI globalmount',
  'pod-volume': 'pod volume paths',
  other: 'other host mounts',
};

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** The name an engineer knows a holder by: the pod, else the container name, else the id. */
export function holderName(h: HolderRec): string {
  if (h.pod) return h.pod.slice(h.pod.indexOf('/') + 1);
  const c = h.holder;
  if (c.containerName) return c.containerName.replace(/^\//, '');
  if (c.containerId) return `container ${shortId(c.containerId)}`;
  if (c.layerId) return `layer ${shortId(c.layerId)}`;
  return `mount ns ${c.nsId ?? '?'}${c.comm ? ` (${c.comm})` : ''}`;
}

export function holderDetail(h: HolderRec): string {
  const c = h.holder;
  const parts: string[] = [];
  if (c.containerId) parts.push(`container ${shortId(c.containerId)}`);
  else if (c.layerId) parts.push(`layer ${shortId(c.layerId)}`);
  if (c.nsId && c.nsId !== 'host') parts.push(`mnt ns ${c.nsId}`);
  if (c.rootfs) parts.push('copies under its rootfs');
  if (c.pid !== undefined) parts.push(`pid ${c.pid}`);
  return parts.join(' · ');
}

export function propagationText(r: MountRec): string {
  if (r.relation === 'shared' || r.relation === 'master') return `${r.relation}:${r.peer}`;
  return r.relation;
}

/**
 * A path pattern for a group: segments that differ between members become `*`
 * (`/var/lib/kubelet/plugins/kubernetes.io/csi/pv/*\/globalmount`). First, middle and last
 * members only: a pattern, not a proof.
 */
export function pathPattern(paths: string[]): string {
  if (paths.length === 0) return '';
  const first = paths[0] as string;
  if (paths.length === 1) return first;
  const sample = [first, paths[paths.length >> 1] as string, paths[paths.length - 1] as string];
  const split = sample.map((p) => p.split('/'));
  const n = (split[0] as string[]).length;
  if (split.some((s) => s.length !== n)) return `${commonPrefix(sample)}…`;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const seg = (split[0] as string[])[i] as string;
    out.push(split.every((s) => s[i] === seg) ? seg : '*');
  }
  return out.join('/');
}

function commonPrefix(paths: string[]): string {
  let p = paths[0] as string;
  for (const s of paths) while (!s.startsWith(p)) p = p.slice(0, p.lastIndexOf('/'));
  return p || '/';
}
