import { KEY_METRICS, metricSpec } from '@nodescope/core';

/** Metrics the fleet table shows as columns and compares against pool peers: the catalogue's key metrics. */
export interface FleetMetric {
  name: string;
  label: string;
  unit: string;
  /** Smallest absolute difference from the pool median worth flagging. */
  floor: number;
}

/** Column labels must fit a 96 px column; the catalogue's labels are for charts and tables. */
const SHORT: Record<string, string> = {
  'tasks.total': 'Tasks',
  'threads.kernel': 'Kthreads',
  'mounts.total': 'Mounts',
  'cgroups.memory': 'Memcg',
  'psi.io.some.avg10': 'PSI io',
  'kubelet.cpu_percent': 'Kubelet %',
};

export const FLEET_METRICS: readonly FleetMetric[] = KEY_METRICS.map((name) => {
  const spec = metricSpec(name);
  return {
    name,
    label: SHORT[name] ?? spec?.label ?? name,
    unit: spec?.unit ?? 'count',
    floor: spec?.outlierFloor ?? 0,
  };
});

/** Shown in the row but not compared (context, not symptoms). */
export const FLEET_EXTRA_METRICS: readonly string[] = [
  'uptime.s',
  'load.1',
  'cpus',
  'kubelet.rss_bytes',
  'mounts.leaked',
];

export const FLEET_METRIC_NAMES: readonly string[] = [
  ...FLEET_METRICS.map((m) => m.name),
  ...FLEET_EXTRA_METRICS,
];
