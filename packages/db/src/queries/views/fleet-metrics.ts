/**
 * Metrics the fleet table shows as columns and compares against pool peers. Mirrors the
 * `key` metrics and outlier floors of the core metric catalogue; kept here so the read
 * model does not depend on detector internals.
 */
export interface FleetMetric {
  name: string;
  label: string;
  unit: 'count' | 'percent' | 'bytes' | 'seconds';
  /** Smallest absolute difference from the pool median worth flagging. */
  floor: number;
}

export const FLEET_METRICS: readonly FleetMetric[] = [
  { name: 'tasks.total', label: 'Tasks', unit: 'count', floor: 2_000 },
  { name: 'threads.kernel', label: 'Kernel threads', unit: 'count', floor: 1_000 },
  { name: 'mounts.total', label: 'Mounts', unit: 'count', floor: 2_000 },
  { name: 'cgroups.memory', label: 'Mem cgroups', unit: 'count', floor: 5_000 },
  { name: 'kubelet.cpu_percent', label: 'Kubelet CPU', unit: 'percent', floor: 100 },
  { name: 'psi.io.some.avg10', label: 'PSI io', unit: 'percent', floor: 10 },
];

/** Shown in the row but not compared (context, not symptoms). */
export const FLEET_EXTRA_METRICS: readonly string[] = ['uptime.s', 'load.1', 'cpus', 'kubelet.rss_bytes', 'mounts.leaked'];

export const FLEET_METRIC_NAMES: readonly string[] = [...FLEET_METRICS.map((m) => m.name), ...FLEET_EXTRA_METRICS];

/** A value this many times its pool median (and past the floor) is an outlier. */
export const OUTLIER_RATIO = 3;
