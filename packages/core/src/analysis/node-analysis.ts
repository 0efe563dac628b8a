import type { NodeState } from '../model/node-state.ts';
import { analyzeCgroups, type CgroupAnalysis } from './cgroup-analysis.ts';
import { buildDeviceIndex, type DeviceIndex } from './device-index.ts';
import { computeLogStats, type LogStats } from './log-stats.ts';
import { buildMountGraph, type MountGraph } from './mount-graph.ts';
import { computeThreadGroups, type ThreadGroupStats } from './thread-groups.ts';

/** Everything derived once from a NodeState and shared by the metrics and every detector. */
export interface NodeAnalysis {
  logs: LogStats;
  mounts: MountGraph;
  threads: ThreadGroupStats;
  cgroups: CgroupAnalysis;
  devices: DeviceIndex;
}

export function analyzeNode(state: NodeState): NodeAnalysis {
  const devices = buildDeviceIndex(state.blockDevices, state.mountNamespaces);
  const logs = computeLogStats(state);
  const ioErrorDevices = new Map<string, number>();
  for (const d of logs.devices)
    if (d.errors > 0 || d.shutdown.length > 0) ioErrorDevices.set(d.device, d.errors);
  const logReferences: string[] = [];
  for (const v of logs.volumes.failedVolumes) logReferences.push(...v.references);
  return {
    logs,
    mounts: buildMountGraph(state, { ioErrorDevices, logReferences, devices }),
    threads: computeThreadGroups(state.processes, devices),
    cgroups: analyzeCgroups(state.cgroups, state.system),
    devices,
  };
}
