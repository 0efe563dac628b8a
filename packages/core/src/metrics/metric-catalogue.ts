/**
 * The one list of metric names a snapshot can produce. Trends, the fleet view and the
 * fleet-outlier detector all key on these names, so they are a contract: add, never rename.
 * Families (`cgroups.<subsys>`, `log.rate.<rule>`) are declared once with a pattern.
 */

export const METRIC_UNITS = ['count', 'percent', 'bytes', 'seconds', 'ms', 'per_min', 'ratio'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export interface MetricSpec {
  /** Dot-separated snake_case parts; a family ends in `.*`. */
  name: string;
  label: string;
  unit: MetricUnit;
  /** Shown in the fleet view and compared against peers by fleet-outlier. */
  key?: boolean;
  /**
   * Smallest absolute difference from the peers' median worth calling an outlier: keeps tiny
   * values quiet (3 vs 1 dying cgroups) and decides alone when the median is zero.
   */
  outlierFloor?: number;
}

export const METRICS: readonly MetricSpec[] = [
  { name: 'tasks.total', label: 'Tasks', unit: 'count', key: true, outlierFloor: 2_000 },
  { name: 'threads.kernel', label: 'Kernel threads', unit: 'count', key: true, outlierFloor: 1_000 },
  { name: 'threads.jbd2', label: 'jbd2 journal threads', unit: 'count', outlierFloor: 200 },
  { name: 'threads.jbd2_ckpt', label: 'jbd2-ckpt threads', unit: 'count', outlierFloor: 200 },
  { name: 'threads.ext4_rsv_conver', label: 'ext4-rsv-conver threads', unit: 'count', outlierFloor: 200 },
  { name: 'threads.kworker', label: 'kworker threads', unit: 'count', outlierFloor: 500 },
  { name: 'threads.kdmflush', label: 'kdmflush threads', unit: 'count', outlierFloor: 200 },
  { name: 'threads.bioset', label: 'bioset threads', unit: 'count', outlierFloor: 200 },
  { name: 'threads.other_kernel', label: 'Other kernel threads', unit: 'count', outlierFloor: 1_000 },
  { name: 'processes.d_state', label: 'Tasks in D state', unit: 'count', outlierFloor: 5 },
  { name: 'mounts.host', label: 'Host mount records', unit: 'count', outlierFloor: 1_000 },
  { name: 'mounts.total', label: 'Mount records', unit: 'count', key: true, outlierFloor: 2_000 },
  { name: 'mounts.namespaces', label: 'Mount namespaces', unit: 'count' },
  { name: 'mounts.leaked', label: 'Leaked mount copies', unit: 'count', outlierFloor: 1 },
  {
    name: 'mounts.under_container_rootfs',
    label: 'Mounts under a container rootfs',
    unit: 'count',
    outlierFloor: 50,
  },
  { name: 'blockdev.count', label: 'Block devices', unit: 'count', outlierFloor: 100 },
  { name: 'blockdev.disks', label: 'Disks', unit: 'count', outlierFloor: 100 },
  { name: 'cgroups.*', label: 'Cgroups in the {subsys} hierarchy', unit: 'count', outlierFloor: 5_000 },
  { name: 'cgroups.memory', label: 'Memory cgroups', unit: 'count', key: true, outlierFloor: 5_000 },
  { name: 'cgroups.dying', label: 'Dying cgroups', unit: 'count', outlierFloor: 1_000 },
  { name: 'psi.io.some.avg10', label: 'PSI io some avg10', unit: 'percent', key: true, outlierFloor: 10 },
  { name: 'psi.io.full.avg10', label: 'PSI io full avg10', unit: 'percent', outlierFloor: 5 },
  { name: 'psi.memory.some.avg10', label: 'PSI memory some avg10', unit: 'percent', outlierFloor: 5 },
  { name: 'psi.memory.full.avg10', label: 'PSI memory full avg10', unit: 'percent', outlierFloor: 5 },
  { name: 'psi.cpu.some.avg10', label: 'PSI cpu some avg10', unit: 'percent', outlierFloor: 20 },
  { name: 'kubelet.cpu_percent', label: 'kubelet CPU', unit: 'percent', key: true, outlierFloor: 100 },
  { name: 'kubelet.rss_bytes', label: 'kubelet RSS', unit: 'bytes', outlierFloor: 2 * 1024 ** 3 },
  { name: 'kubelet.threads', label: 'kubelet threads', unit: 'count', outlierFloor: 500 },
  { name: 'pleg.relist_max_gap_s', label: 'Longest PLEG relist gap', unit: 'seconds', outlierFloor: 10 },
  {
    name: 'log.kubelet.errors_per_min',
    label: 'kubelet errors per minute',
    unit: 'per_min',
    outlierFloor: 30,
  },
  { name: 'log.rate.*', label: '{rule} log lines per minute', unit: 'per_min', outlierFloor: 10 },
  { name: 'containers.total', label: 'Containers', unit: 'count' },
  { name: 'containers.dead', label: 'Dead or removing containers', unit: 'count', outlierFloor: 1 },
  { name: 'systemd.ping_ms', label: 'systemd D-Bus ping', unit: 'ms', outlierFloor: 500 },
  { name: 'load.1', label: 'Load average (1 min)', unit: 'ratio' },
  { name: 'uptime.s', label: 'Uptime', unit: 'seconds' },
  { name: 'mem.total_bytes', label: 'Memory', unit: 'bytes' },
  { name: 'cpus', label: 'CPUs', unit: 'count' },
];

const exact = new Map(METRICS.filter((m) => !m.name.endsWith('.*')).map((m) => [m.name, m]));
const families = METRICS.filter((m) => m.name.endsWith('.*'));

/** Spec for a concrete name, resolving families (`cgroups.cpuset` -> `cgroups.*`). */
export function metricSpec(name: string): MetricSpec | undefined {
  const found = exact.get(name);
  if (found) return found;
  for (const f of families) {
    const prefix = f.name.slice(0, -1);
    if (name.startsWith(prefix) && name.length > prefix.length) {
      const part = name.slice(prefix.length);
      return { ...f, name, label: f.label.replace(/\{\w+\}/, part) };
    }
  }
  return undefined;
}

/** Names the fleet view shows and fleet-outlier compares. */
export const KEY_METRICS: readonly string[] = METRICS.filter((m) => m.key).map((m) => m.name);

export function isMetricName(name: string): boolean {
  return metricSpec(name) !== undefined;
}
