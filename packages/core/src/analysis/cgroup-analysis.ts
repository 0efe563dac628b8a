import { th } from '../detectors/thresholds.ts';
import type { CgroupState, SystemInfo } from '../model/node-state.ts';
import { type KernelVersion, kmemRiskyKernel, parseKernelRelease } from './kernel-version.ts';

/**
 * Cgroup counts against the 65,535 memory cgroup id limit, counts that disagree with the
 * directories on disk (deleted cgroups not freed), cgroup v2 dying descendants, and kmem
 * accounting on kernels where it leaks.
 */

export interface HierarchyCount {
  subsys: string;
  numCgroups: number;
  /** numCgroups / 65,535. */
  ratio: number;
  dirCount?: number;
  /** numCgroups - dirCount when it is large enough to mean leaked cgroups. */
  excess?: number;
  line: number;
}

export interface CgroupAnalysis {
  version?: CgroupState['version'];
  limit: number;
  hierarchies: HierarchyCount[];
  /** Hierarchy with the highest count. */
  highest?: HierarchyCount;
  memory?: HierarchyCount;
  /** Hierarchies whose count far exceeds their directories. */
  mismatched: HierarchyCount[];
  dying?: { descendants: number; dying: number; line: number; path?: string };
  /** Memory cgroup ids in use, best estimate (v2: descendants + dying; v1: memory num_cgroups). */
  memoryIdsUsed?: number;
  memoryIdRatio?: number;
  kmem: {
    kernel?: KernelVersion;
    riskyKernel: boolean;
    active: boolean;
    slabinfoReadable?: boolean;
    limitSet?: boolean;
    line?: number;
  };
}

function dirCountFor(
  subsys: string,
  dirs: CgroupState['dirCounts'],
): { count: number; line: number } | undefined {
  const direct = dirs[subsys];
  if (direct) return direct;
  // v1 co-mounts: "cpu,cpuacct", "net_cls,net_prio".
  for (const [k, v] of Object.entries(dirs)) if (k.split(',').includes(subsys)) return v;
  return undefined;
}

export function analyzeCgroups(cg: CgroupState, system: SystemInfo): CgroupAnalysis {
  const limit = th('cgroupIdLimit');
  const hierarchies: HierarchyCount[] = [];
  const mismatched: HierarchyCount[] = [];
  for (const h of cg.hierarchies) {
    if (!h.enabled) continue;
    const hc: HierarchyCount = {
      subsys: h.subsys,
      numCgroups: h.numCgroups,
      ratio: h.numCgroups / limit,
      line: h.line,
    };
    const dirs = dirCountFor(h.subsys, cg.dirCounts);
    if (dirs) {
      hc.dirCount = dirs.count;
      const excess = h.numCgroups - dirs.count;
      if (excess >= th('cgroupMismatchMinimum') && h.numCgroups >= dirs.count * th('cgroupMismatchRatio')) {
        hc.excess = excess;
        mismatched.push(hc);
      }
    }
    hierarchies.push(hc);
  }
  const out: CgroupAnalysis = {
    limit,
    hierarchies,
    mismatched: mismatched.sort((a, b) => b.numCgroups - a.numCgroups),
    kmem: { riskyKernel: false, active: false },
  };
  if (cg.version !== undefined) out.version = cg.version;
  for (const h of hierarchies) if (!out.highest || h.numCgroups > out.highest.numCgroups) out.highest = h;
  const memory = hierarchies.find((h) => h.subsys === 'memory');
  if (memory) out.memory = memory;
  if (cg.v2Stat) {
    out.dying = {
      descendants: cg.v2Stat.nrDescendants,
      dying: cg.v2Stat.nrDyingDescendants,
      line: cg.v2Stat.line,
    };
    if (cg.v2Stat.path) out.dying.path = cg.v2Stat.path;
  }
  // On v2 every live and dying cgroup with the memory controller holds a memory id.
  if (cg.version === 2 && cg.v2Stat)
    out.memoryIdsUsed = cg.v2Stat.nrDescendants + cg.v2Stat.nrDyingDescendants + 1;
  else if (memory) out.memoryIdsUsed = memory.numCgroups;
  if (out.memoryIdsUsed !== undefined) out.memoryIdRatio = out.memoryIdsUsed / limit;

  const kernel = parseKernelRelease(system.kernelRelease);
  out.kmem = {
    riskyKernel: kmemRiskyKernel(kernel),
    active: cg.kmem.slabinfoReadable === true || cg.kmem.limitSet === true,
  };
  if (kernel) out.kmem.kernel = kernel;
  if (cg.kmem.slabinfoReadable !== undefined) out.kmem.slabinfoReadable = cg.kmem.slabinfoReadable;
  if (cg.kmem.limitSet !== undefined) out.kmem.limitSet = cg.kmem.limitSet;
  if (cg.kmem.line !== undefined) out.kmem.line = cg.kmem.line;
  return out;
}
