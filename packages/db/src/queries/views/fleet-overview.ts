import type { PrismaClient } from '../../client.ts';
import { FLEET_METRIC_NAMES, FLEET_METRICS, type FleetMetric } from './fleet-metrics.ts';
import { type GroupBy, sortFleetRows } from './fleet-sort.ts';
import {
  type FleetFacets,
  type FleetFilter,
  type FleetViewRow,
  fleetFacets,
  fleetRows,
  type PoolStat,
  poolStats,
} from './fleet-view.ts';
import { indexPoolStats, type Outlier, peerOutliers, poolKey } from './peer-outliers.ts';

export interface FleetOverviewInput extends FleetFilter {
  sort?: string;
  dir?: 'asc' | 'desc';
  group?: GroupBy;
}

export interface FleetOverviewRow extends FleetViewRow {
  outliers: Outlier[];
  /** No snapshot for three collection intervals. */
  stale: boolean;
}

export interface FleetOverview {
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
  const [rows, pools, facets] = await Promise.all([
    fleetRows(prisma, input, FLEET_METRIC_NAMES),
    poolStats(
      prisma,
      FLEET_METRICS.map((m) => m.name),
    ),
    fleetFacets(prisma),
  ]);
  const medians = indexPoolStats(pools);
  const now = Date.now();
  const enriched = rows.map((r) => ({
    ...r,
    outliers: peerOutliers(r.metrics, medians.get(poolKey(r.cluster, r.pool))),
    stale: !r.lastSnapshotAt || now - r.lastSnapshotAt.getTime() > r.intervalSec * 3000,
  }));
  const sorted = sortFleetRows(enriched, input.sort ?? 'health', input.dir ?? 'desc', input.group ?? 'pool');
  return { rows: sorted, pools, facets, metrics: [...FLEET_METRICS], generatedAt: new Date(now) };
}
