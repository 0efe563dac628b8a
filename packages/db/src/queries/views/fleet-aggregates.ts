import type { PrismaClient } from '../../client.ts';
import { FLEET_METRICS } from './fleet-metrics.ts';
import { type FleetFacets, fleetFacets, type PoolStat, poolStats } from './fleet-view.ts';

export interface FleetAggregates {
  pools: PoolStat[];
  facets: FleetFacets;
  at: number;
}

/**
 * Pool medians and facet counts are fleet-wide: the same for every viewer and every filter,
 * and they move only when snapshots land (minutes apart per node). Every open fleet page polls
 * every few seconds, so they are computed at most once per `maxAgeMs` per database, and
 * concurrent callers share one computation.
 */
const cache = new WeakMap<PrismaClient, Promise<FleetAggregates>>();

export const FLEET_AGGREGATES_MAX_AGE_MS = 4_000;

function compute(prisma: PrismaClient): Promise<FleetAggregates> {
  return Promise.all([
    poolStats(
      prisma,
      FLEET_METRICS.map((m) => m.name),
    ),
    fleetFacets(prisma),
  ]).then(([pools, facets]) => ({
    pools,
    facets,
    at: Date.now(),
  }));
}

export async function fleetAggregates(
  prisma: PrismaClient,
  maxAgeMs = FLEET_AGGREGATES_MAX_AGE_MS,
): Promise<FleetAggregates> {
  const cached = cache.get(prisma);
  if (cached) {
    const value = await cached.catch(() => null);
    if (value && Date.now() - value.at <= maxAgeMs) return value;
    // A second caller may already have started the refresh while we awaited.
    const again = cache.get(prisma);
    if (again && again !== cached) return again;
  }
  const fresh = compute(prisma);
  cache.set(prisma, fresh);
  fresh.catch(() => cache.delete(prisma));
  return fresh;
}
