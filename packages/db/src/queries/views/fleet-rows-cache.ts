import type { PrismaClient } from '../../client.ts';
import { type FleetViewRow, fleetRowsChangedSince } from './fleet-view.ts';

/**
 * The unfiltered fleet, kept in memory per database and refreshed incrementally: every open
 * fleet page polls every few seconds, while only the nodes collected since the last poll
 * changed (about 1 in 60 per 5 s at a 5-minute interval). Each read fetches rows whose
 * updated_at moved since a watermark (with a margin for transactions that committed late)
 * plus the node count; a count mismatch (a node removed) or a 30 s age forces a full read.
 */
interface Entry {
  byName: Map<string, FleetViewRow>;
  /** DB time of the last read, minus the margin. */
  watermark: Date;
  fullAt: number;
  metricKey: string;
}

const FULL_EVERY_MS = 30_000;
/** Ingest transactions are short; a row stamped earlier but committed later is re-read within this margin. */
const MARGIN_MS = 5_000;

const cache = new WeakMap<PrismaClient, Promise<Entry>>();

async function full(prisma: PrismaClient, metricNames: readonly string[]): Promise<Entry> {
  const { rows, dbNow } = await fleetRowsChangedSince(prisma, null, metricNames);
  return {
    byName: new Map(rows.map((r) => [r.name, r])),
    watermark: new Date(dbNow.getTime() - MARGIN_MS),
    fullAt: Date.now(),
    metricKey: metricNames.join(','),
  };
}

async function refresh(prisma: PrismaClient, prev: Entry, metricNames: readonly string[]): Promise<Entry> {
  const { rows, total, dbNow } = await fleetRowsChangedSince(prisma, prev.watermark, metricNames);
  const byName = new Map(prev.byName);
  for (const r of rows) byName.set(r.name, r);
  if (byName.size !== total) return full(prisma, metricNames);
  return { ...prev, byName, watermark: new Date(dbNow.getTime() - MARGIN_MS) };
}

/** Every node's fleet row, at most one poll old; concurrent callers share one read. */
export async function cachedFleetRows(
  prisma: PrismaClient,
  metricNames: readonly string[],
): Promise<FleetViewRow[]> {
  const key = metricNames.join(',');
  const pending = cache.get(prisma);
  const prev = pending ? await pending.catch(() => null) : null;
  // Another caller may have started the next read while we awaited: share it.
  const current = cache.get(prisma);
  if (current && current !== pending) return [...(await current).byName.values()];
  const next =
    !prev || prev.metricKey !== key || Date.now() - prev.fullAt > FULL_EVERY_MS
      ? full(prisma, metricNames)
      : refresh(prisma, prev, metricNames);
  cache.set(prisma, next);
  next.catch(() => cache.delete(prisma));
  return [...(await next).byName.values()];
}
