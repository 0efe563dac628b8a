import type { MountEntry } from '../../model/node-state.ts';

/**
 * The reference search of kubernetes mount-utils (SearchMountPoints), used to check that parsed
 * tables carry what propagation analysis needs: other mount points in the same shared peer group
 * that expose the same directory of the filesystem as `source`.
 */
export function searchMountPoints(mounts: readonly MountEntry[], source: string): string[] {
  let base: MountEntry | undefined;
  for (const m of mounts) {
    if (!isUnder(source, m.mountPoint)) continue;
    if (!base || m.mountPoint.length >= base.mountPoint.length) base = m;
  }
  if (!base || base.optional.shared === undefined) return [];
  const rel = source.slice(base.mountPoint === '/' ? 0 : base.mountPoint.length);
  const rootPath = joinPath(base.root, rel);
  const peer = base.optional.shared;
  return mounts
    .filter((m) => m.optional.shared === peer && m.root === rootPath && m.mountPoint !== source)
    .map((m) => m.mountPoint);
}

/** Path-component prefix: /mnt/disks/vol is not a parent of /mnt/disks/vol1. */
function isUnder(path: string, dir: string): boolean {
  if (dir === '/') return path.startsWith('/');
  return path === dir || path.startsWith(`${dir}/`);
}

function joinPath(a: string, b: string): string {
  if (b === '' || b === '/') return a;
  return a.endsWith('/') ? a + b.replace(/^\//, '') : a + (b.startsWith('/') ? b : `/${b}`);
}
