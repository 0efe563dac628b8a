import type { PrismaClient } from '../../client.ts';
import { FLEET_METRIC_NAMES, FLEET_METRICS, type FleetMetric } from './fleet-metrics.ts';
import { type GroupBy, sortFleetRows } from './fleet-sort.ts';
import { fleetAggregates } from './fleet-aggregates.ts';
import { cachedFleetRows } from './fleet-rows-cache.ts';
import {
  type FleetFacets,
  type FleetFilter,
  type FleetViewRow,
  fleetRows,
  type PoolStat,
} from './fleet-view.ts';
import { indexPoolStats, peerOutliers, poolKey } from './peer-outliers.ts';

export interface FleetOverviewInput extends FleetFilter {
  /** How stale the pool medians and facet counts may be; 0 recomputes them and bypasses the row cache. */
  aggregatesMaxAgeMs?: number;
  sort?: string;
  dir?: 'asc' | 'desc';
  group?: GroupBy;
}

/**
 * A fleet row. `metrics` and `intervalSec` serve sorting and the peer comparison on the server;
 * the procedure's output schema sends `values` (aligned with `columns`) instead.
 */
export type FleetOverviewRow = FleetViewRow;

export interface FleetOverview {
  /** Metric names of each row's `values`, in order. */
  columns: string[];
  rows: FleetOverviewRow[];
  pools: PoolStat[];
  facets: FleetFacets;
  metrics: FleetMetric[];
  generatedAt: Date;
}

/**
 * The fleet page in one call: filtered rows with their peer outliers (against the whole
 * pool's medians, not the filtered subset), sorted and grouped, plus facet counts.
 */
export async function fleetOverview(
  prisma: PrismaClient,
  input: FleetOverviewInput = {},
): Promise<FleetOverview> {
  const unfiltered = !(
    input.q?.trim() ||
    input.severity?.length ||
    input.rule?.length ||
    input.label?.length ||
    input.cluster?.length ||
    input.pool?.length ||
    input.state?.length
  );
  const [rows, { pools, facets }] = await Promise.all([
    // The default view is what every open page polls: served from the incremental cache.
    unfiltered && input.aggregatesMaxAgeMs !== 0
      ? cachedFleetRows(prisma, FLEET_METRIC_NAMES)
      : fleetRows(prisma, input, FLEET_METRIC_NAMES),
    fleetAggregates(prisma, input.aggregatesMaxAgeMs),
  ]);
  const medians = indexPoolStats(pools);
  const now = Date.now();
  // In place: at 5,000 rows, copying objects costs more than the query.
  for (const r of rows) {
    r.outliers = peerOutliers(r.metrics, medians.get(poolKey(r.cluster, r.pool)));
    r.stale = !r.lastSnapshotAt || now - Date.parse(r.lastSnapshotAt) > r.intervalSec * 3000;
  }
  const sorted = sortFleetRows(rows, input.sort ?? 'health', input.dir ?? 'desc', input.group ?? 'pool');
  return {
    columns: [...FLEET_METRIC_NAMES],
    rows: sorted,
    pools,
    facets,
    metrics: [...FLEET_METRICS],
    generatedAt: new Date(),
  };
}
