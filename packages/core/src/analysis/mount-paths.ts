/**
 * Path shapes that matter for mount leaks: container rootfs directories on the host and the
 * kubelet volume paths GetDeviceMountRefs checks. The kubelet root dir varies
 * (/var/lib/kubelet, /var/lib/container/kubelet, /data/kubelet), so matching is on the
 * stable inner part.
 */

export type RootfsKind = 'docker-overlay2' | 'containerd' | 'crio-overlay' | 'docker-aufs' | 'unknown';

export interface ContainerRootfs {
  /** Host path of the rootfs directory (…/merged, …/rootfs). */
  rootfs: string;
  kind: RootfsKind;
  /** Container id for containerd; a storage layer id for overlay2/aufs/containers-storage. */
  id: string;
  idIsLayer: boolean;
}

const ROOTFS_PATTERNS: { re: RegExp; kind: RootfsKind; layer: boolean }[] = [
  {
    re: /^(.*\/io\.containerd\.runtime\.v[12]\.(?:task|linux)\/[^/]+\/([0-9a-f]{64})\/rootfs)(?:\/|$)/,
    kind: 'containerd',
    layer: false,
  },
  { re: /^(.*\/overlay2\/([0-9a-f]{64})\/merged)(?:\/|$)/, kind: 'docker-overlay2', layer: true },
  { re: /^(.*\/overlay\/([0-9a-f]{64})\/merged)(?:\/|$)/, kind: 'crio-overlay', layer: true },
  { re: /^(.*\/aufs\/mnt\/([0-9a-f]{64}))(?:\/|$)/, kind: 'docker-aufs', layer: true },
  { re: /^(.*\/([0-9a-f]{12,64})\/(?:merged|rootfs))(?:\/|$)/, kind: 'unknown', layer: true },
];

/** The container rootfs a path is at or below, if any. */
export function containerRootfsOf(path: string): ContainerRootfs | undefined {
  // Cheap prefilter: almost every mount point has none of these.
  if (!path.includes('/merged') && !path.includes('/rootfs') && !path.includes('/aufs/mnt/'))
    return undefined;
  for (const p of ROOTFS_PATTERNS) {
    const m = p.re.exec(path);
    if (m?.[1] && m[2]) return { rootfs: m[1], kind: p.kind, id: m[2], idIsLayer: p.layer };
  }
  return undefined;
}

/** Strictly below a rootfs (the rootfs mount itself is the container's own overlay). */
export function underContainerRootfs(path: string): ContainerRootfs | undefined {
  const r = containerRootfsOf(path);
  return r && path.length > r.rootfs.length + 1 ? r : undefined;
}

export function isCsiGlobalmount(path: string): boolean {
  return path.includes('/plugins/kubernetes.io/csi/') && path.includes('/globalmount');
}

const POD_VOLUME_RE = /\/pods\/[0-9a-f-]{36}\/(?:volumes|volume-subpaths)\//;

export function isPodVolume(path: string): boolean {
  return path.includes('/pods/') && POD_VOLUME_RE.test(path);
}

/** Any path kubelet mounts a volume at (device mount path or pod volume path). */
export function isKubeletVolumePath(path: string): boolean {
  return (
    isCsiGlobalmount(path) ||
    isPodVolume(path) ||
    (path.includes('/plugins/kubernetes.io/') && path.includes('/mounts/')) ||
    path.includes('/volumeDevices/')
  );
}

/** Single-quoted for sh; the plan is for humans to review and paste, so it must be exact. */
export function shQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function pathDepth(path: string): number {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
}
