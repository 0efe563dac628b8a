/** What the node page charts, and how; series are picked from the trend data by name or prefix. */
export interface ChartSpec {
  id: string;
  title: string;
  /** Exact metric names, or prefixes ending in `.` (every metric starting with it). */
  metrics: string[];
  exclude?: string[];
  unit: 'count' | 'percent' | 'bytes' | 'seconds' | 'per_min';
  stacked?: boolean;
  /** Metrics drawn against a second axis with their own unit. */
  right?: { metrics: string[]; unit: 'bytes' | 'count' };
  /** A hard limit drawn as a line (cgroup ids). */
  limit?: { value: number; label: string };
  hint?: string;
}

export const CHARTS: ChartSpec[] = [
  {
    id: 'kthreads',
    title: 'Kernel threads by group',
    metrics: [
      'threads.jbd2',
      'threads.jbd2_ckpt',
      'threads.ext4_rsv_conver',
      'threads.kdmflush',
      'threads.bioset',
      'threads.kworker',
      'threads.other_kernel',
    ],
    unit: 'count',
    stacked: true,
    hint: 'Three threads per journaled ext4 device: jbd2, jbd2-ckpt, ext4-rsv-conver',
  },
  {
    id: 'tasks',
    title: 'Tasks',
    metrics: ['tasks.total', 'threads.kernel', 'processes.d_state'],
    unit: 'count',
  },
  {
    id: 'mounts',
    title: 'Mount records and block devices',
    metrics: [
      'mounts.total',
      'mounts.host',
      'mounts.leaked',
      'mounts.under_container_rootfs',
      'blockdev.count',
    ],
    unit: 'count',
  },
  {
    id: 'cgroups',
    title: 'Cgroups per hierarchy',
    metrics: ['cgroups.'],
    unit: 'count',
    limit: { value: 65_535, label: 'memory cgroup id limit 65,535' },
  },
  {
    id: 'psi',
    title: 'Pressure stall (avg10)',
    metrics: [
      'psi.io.some.avg10',
      'psi.io.full.avg10',
      'psi.memory.some.avg10',
      'psi.memory.full.avg10',
      'psi.cpu.some.avg10',
    ],
    unit: 'percent',
  },
  {
    id: 'kubelet',
    title: 'kubelet CPU and RSS',
    metrics: ['kubelet.cpu_percent'],
    unit: 'percent',
    right: { metrics: ['kubelet.rss_bytes'], unit: 'bytes' },
  },
  {
    id: 'pleg',
    title: 'PLEG relist interval (longest gap)',
    metrics: ['pleg.relist_max_gap_s'],
    unit: 'seconds',
    limit: { value: 180, label: 'unhealthy 3m' },
  },
  {
    id: 'logs',
    title: 'Error-log rates per rule',
    metrics: ['log.rate.', 'log.kubelet.errors_per_min'],
    unit: 'per_min',
  },
];

export function pickSeries(spec: { metrics: string[]; exclude?: string[] }, available: string[]): string[] {
  const out: string[] = [];
  for (const m of spec.metrics) {
    if (m.endsWith('.'))
      out.push(...available.filter((a) => a.startsWith(m) && !spec.exclude?.includes(a)).sort());
    else if (available.includes(m)) out.push(m);
  }
  return [...new Set(out)];
}

/** Calm, distinguishable colours that work on dark and light backgrounds. */
export const PALETTE = [
  '#5b8ef5',
  '#e7a23a',
  '#3cc47a',
  '#d46ad9',
  '#f0525f',
  '#41b8c4',
  '#a98df0',
  '#9aa53a',
  '#e07b4f',
  '#7d8696',
];
