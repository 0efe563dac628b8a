export { type BuildOptions, bootTimeFrom, buildNodeState } from './build-node-state.ts';
export type { CgroupAnalysis, HierarchyCount } from './cgroup-analysis.ts';
export type { HolderKind, MountHolder } from './container-index.ts';
export { parseGoDuration } from './go-duration.ts';
export { kmemRiskyKernel, parseKernelRelease, type KernelVersion } from './kernel-version.ts';
export type { DeviceErrorStats, KubeletLifecycle, VolumeFailure, VolumeLogStats } from './log-details.ts';
export { LOG_PATTERNS, type LogPattern } from './log-patterns.ts';
export type { LogReferenceSummary } from './log-references.ts';
export { computeLogStats, type LogStats, type RuleLogStats, type SourceSpan } from './log-stats.ts';
export {
  buildMountGraph,
  type DeviceSummary,
  type HolderSummary,
  LEAK_REASONS,
  type LeakChain,
  type LeakReason,
  type MountGraph,
} from './mount-graph.ts';
export { containerRootfsOf, isKubeletVolumePath, type ContainerRootfs } from './mount-paths.ts';
export { analyzeNode, type NodeAnalysis } from './node-analysis.ts';
export type { PlegStats, RelistPoint } from './pleg-timeline.ts';
export {
  computeThreadGroups,
  normalizeKernelThread,
  THREAD_GROUPS,
  type ThreadGroup,
  type ThreadGroupStats,
} from './thread-groups.ts';
export type { UmountPlanGroup } from './umount-plan.ts';
