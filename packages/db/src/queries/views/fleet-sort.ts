/** Sorting of fleet rows; pure so that it is tested without a database. */

export interface SortableFleetRow {
  name: string;
  cluster: string;
  pool: string;
  health: string | null;
  lastState: string | null;
  lastSnapshotAt: Date | null;
  kernelRelease: string | null;
  kubeletVersion: string | null;
  metrics: Record<string, number>;
  findings: unknown[];
  outliers: { metric: string; ratio: number | null }[];
}

export type GroupBy = 'none' | 'cluster' | 'pool';

const HEALTH_RANK: Record<string, number> = { critical: 4, warning: 3, info: 2, ok: 1 };
const STATE_RANK: Record<string, number> = {
  'host-key-changed': 7,
  'host-key-unknown': 6,
  auth: 5,
  unreachable: 4,
  error: 3,
  partial: 2,
  ok: 1,
};

function outlierScore(r: SortableFleetRow, metric?: string): number {
  let best = 0;
  for (const o of r.outliers) {
    if (metric && o.metric !== metric) continue;
    best = Math.max(best, o.ratio ?? 1e9);
  }
  return best;
}

/** Sort key of a row; null sorts last whatever the direction. */
export function sortValue(r: SortableFleetRow, key: string): number | string | null {
  if (key.startsWith('m:')) return r.metrics[key.slice(2)] ?? null;
  if (key.startsWith('r:')) return outlierScore(r, key.slice(2)) || null;
  switch (key) {
    case 'name':
      return r.name;
    case 'health':
      return HEALTH_RANK[r.health ?? ''] ?? 0;
    case 'state':
      return STATE_RANK[r.lastState ?? ''] ?? 0;
    case 'age':
      // Oldest snapshot first when ascending by age.
      return r.lastSnapshotAt ? -r.lastSnapshotAt.getTime() : null;
    case 'kernel':
      return r.kernelRelease;
    case 'kubelet':
      return r.kubeletVersion;
    case 'findings':
      return r.findings.length;
    case 'outlier':
      return outlierScore(r) || null;
    default:
      return r.name;
  }
}

const collator = new Intl.Collator('en', { numeric: true });

function compareValues(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Stable sort by group, then key, then name; nulls last in both directions. */
export function sortFleetRows<T extends SortableFleetRow>(
  rows: T[],
  key: string,
  dir: 'asc' | 'desc',
  group: GroupBy,
): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (group !== 'none') {
      const g =
        collator.compare(a.cluster, b.cluster) || (group === 'pool' ? collator.compare(a.pool, b.pool) : 0);
      if (g) return g;
    }
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) {
      const n = compareValues(va, vb);
      if (n) return n;
    } else {
      const c = compareValues(va, vb) * sign;
      if (c) return c;
    }
    return collator.compare(a.name, b.name);
  });
}
