import type { AppRouter } from '@nodescope/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
export type FleetList = Outputs['fleet']['list'];
export type FleetRow = FleetList['rows'][number];
export type FleetMetricSpec = FleetList['metrics'][number];
export type PoolStatRow = FleetList['pools'][number];
export type Sparklines = Outputs['fleet']['sparklines'];

/** The table's flat item list: group headers interleaved with node rows. */
export type FleetItem =
  | {
      kind: 'group';
      key: string;
      cluster: string;
      pool: string | null;
      count: number;
      critical: number;
      warning: number;
    }
  | { kind: 'node'; key: string; row: FleetRow };

export function buildItems(rows: FleetRow[], group: 'none' | 'cluster' | 'pool'): FleetItem[] {
  if (group === 'none') return rows.map((row) => ({ kind: 'node', key: row.name, row }));
  const items: FleetItem[] = [];
  let header: Extract<FleetItem, { kind: 'group' }> | null = null;
  for (const row of rows) {
    const pool = group === 'pool' ? row.pool : null;
    const key = `g:${row.cluster}/${pool ?? ''}`;
    if (!header || header.key !== key) {
      header = { kind: 'group', key, cluster: row.cluster, pool, count: 0, critical: 0, warning: 0 };
      items.push(header);
    }
    header.count++;
    if (row.health === 'critical') header.critical++;
    else if (row.health === 'warning') header.warning++;
    items.push({ kind: 'node', key: row.name, row });
  }
  return items;
}
