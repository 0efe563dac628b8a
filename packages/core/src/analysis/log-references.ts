import type { ContainerIndex } from './container-index.ts';
import { underContainerRootfs } from './mount-paths.ts';

/**
 * The paths kubelet lists in "is still mounted by other references [...]": when the mount
 * tables were not collected (a pasted kubelet log), these alone show copies under a
 * container rootfs and who holds them.
 */
export interface LogReferenceSummary {
  references: number;
  underContainerRootfs: number;
  holders: { key: string; label: string; rootfs: string; dead: boolean; count: number; examples: string[] }[];
}

export function summarizeLogReferences(paths: string[], containers: ContainerIndex): LogReferenceSummary {
  const unique = new Set(paths);
  const holders = new Map<string, LogReferenceSummary['holders'][number]>();
  let under = 0;
  for (const p of unique) {
    const r = underContainerRootfs(p);
    if (!r) continue;
    under++;
    const h = containers.forRootfs(r);
    let acc = holders.get(h.key);
    if (!acc) {
      acc = { key: h.key, label: h.label, rootfs: r.rootfs, dead: h.dead, count: 0, examples: [] };
      holders.set(h.key, acc);
    }
    acc.count++;
    if (acc.examples.length < 5) acc.examples.push(p);
  }
  return {
    references: unique.size,
    underContainerRootfs: under,
    holders: [...holders.values()].sort((a, b) => b.count - a.count).slice(0, 20),
  };
}
