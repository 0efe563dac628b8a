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

const HEX64 = /^[0-9a-f]{64}$/;

/** Kind of rootfs from the directory that holds the <id> directory. */
function kindOf(path: string, idStart: number, marker: string): { kind: RootfsKind; layer: boolean } {
  const parentEnd = idStart - 1;
  const parentStart = path.lastIndexOf('/', parentEnd - 1) + 1;
  const parent = path.slice(parentStart, parentEnd);
  if (marker === '/rootfs') {
    // …/io.containerd.runtime.v2.task/<namespace>/<id>/rootfs
    const nsStart = path.lastIndexOf('/', parentStart - 2) + 1;
    const runtime = path.slice(nsStart, parentStart - 1);
    return /^io\.containerd\.runtime\.v[12]\.(?:task|linux)$/.test(runtime)
      ? { kind: 'containerd', layer: false }
      : { kind: 'unknown', layer: true };
  }
  if (parent === 'overlay2') return { kind: 'docker-overlay2', layer: true };
  if (parent === 'overlay') return { kind: 'crio-overlay', layer: true };
  if (parent === 'mnt' && path.slice(0, parentStart).endsWith('/aufs/'))
    return { kind: 'docker-aufs', layer: true };
  return { kind: 'unknown', layer: true };
}

/**
 * Finds `/<64 hex>/merged`, `/<64 hex>/rootfs` or `/aufs/mnt/<64 hex>` with indexOf: mount
 * tables reach tens of thousands of long paths, so no backtracking regex over whole paths.
 */
function scan(path: string, marker: string): ContainerRootfs | undefined {
  // Searched without the marker's leading slash (see includesAfterSlash), same positions.
  const rest = marker === '/merged' ? 'merged' : marker === '/rootfs' ? 'rootfs' : 'aufs/mnt/';
  for (let j = path.indexOf(rest); j >= 0; j = path.indexOf(rest, j + 1)) {
    if (j === 0 || path.charCodeAt(j - 1) !== 47) continue;
    const i = j - 1;
    const end = i + marker.length;
    if (end !== path.length && path.charCodeAt(end) !== 47) continue;
    const idStart = marker === '/aufs/mnt/' ? end : i - 64;
    const idEnd = marker === '/aufs/mnt/' ? end + 64 : i;
    if (idStart < 1 || idEnd > path.length) continue;
    if (marker !== '/aufs/mnt/' && path.charCodeAt(idStart - 1) !== 47) continue;
    const id = path.slice(idStart, idEnd);
    if (!HEX64.test(id)) continue;
    if (marker === '/aufs/mnt/') {
      if (idEnd !== path.length && path.charCodeAt(idEnd) !== 47) continue;
      return { rootfs: path.slice(0, idEnd), kind: 'docker-aufs', id, idIsLayer: true };
    }
    const k = kindOf(path, idStart, marker);
    return { rootfs: path.slice(0, end), kind: k.kind, id, idIsLayer: k.layer };
  }
  return undefined;
}

/** The container rootfs a path is at or below, if any. */
export function containerRootfsOf(path: string): ContainerRootfs | undefined {
  return scan(path, '/merged') ?? scan(path, '/rootfs') ?? scan(path, '/aufs/mnt/');
}

/** Strictly below a rootfs (the rootfs mount itself is the container's own overlay). */
export function underContainerRootfs(path: string): ContainerRootfs | undefined {
  const r = containerRootfsOf(path);
  return r && path.length > r.rootfs.length + 1 ? r : undefined;
}

/**
 * underContainerRootfs for a whole table: copies under one rootfs come in thousands, so the
 * last rootfs found is tried first with a prefix check before scanning the path.
 */
export function rootfsScanner(): (path: string) => ContainerRootfs | undefined {
  let last: ContainerRootfs | undefined;
  return (path) => {
    if (
      last &&
      path.length > last.rootfs.length + 1 &&
      path.charCodeAt(last.rootfs.length) === 47 &&
      path.startsWith(last.rootfs)
    ) {
      // Same outermost rootfs: a rootfs nested below it (a host / seen through it) does not hold the mount.
      return last;
    }
    const r = underContainerRootfs(path);
    if (r) last = r;
    return r;
  };
}

/**
 * path.includes(`/${rest}`), searched as `rest` then checked for the slash before it: mount
 * points are full of slashes, so a needle starting with one makes V8's search stop at every
 * path separator. Twice as fast on a 26,000-path table, where these tests run per mount.
 */
function includesAfterSlash(path: string, rest: string): boolean {
  for (let i = path.indexOf(rest); i >= 0; i = path.indexOf(rest, i + 1))
    if (i > 0 && path.charCodeAt(i - 1) === 47) return true;
  return false;
}

export function isCsiGlobalmount(path: string): boolean {
  return includesAfterSlash(path, 'plugins/kubernetes.io/csi/') && includesAfterSlash(path, 'globalmount');
}

const POD_VOLUME_RE = /\/pods\/[0-9a-f-]{36}\/(?:volumes|volume-subpaths)\//;

export function isPodVolume(path: string): boolean {
  return includesAfterSlash(path, 'pods/') && POD_VOLUME_RE.test(path);
}

/** Any path kubelet mounts a volume at (device mount path or pod volume path). */
export function isKubeletVolumePath(path: string): boolean {
  return (
    isCsiGlobalmount(path) ||
    isPodVolume(path) ||
    (includesAfterSlash(path, 'plugins/kubernetes.io/') && includesAfterSlash(path, 'mounts/')) ||
    includesAfterSlash(path, 'volumeDevices/')
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
