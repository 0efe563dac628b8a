import { type PoolPeer, type PrismaClient, poolPeers } from '@nodescope/db';

const PEER_TTL_MS = 30_000;
const MIN_CACHED_PEERS = 4;
type Entry = { at: number; peers: PoolPeer[] };
// Per client: two databases in one process (tests, a migration tool) never share peers.
const caches = new WeakMap<PrismaClient, Map<string, Entry>>();

/**
 * Peers are the other nodes of the same cluster and pool, by their latest metrics. A pool of
 * a thousand nodes would otherwise be read back on every ingest: the list is cached per pool
 * for half a minute (medians move slowly), and the node itself is left out on use.
 */
export async function cachedPoolPeers(
  prisma: PrismaClient,
  node: { name: string; cluster: string; pool: string },
): Promise<PoolPeer[]> {
  let cache = caches.get(prisma);
  if (!cache) {
    cache = new Map();
    caches.set(prisma, cache);
  }
  const key = `${node.cluster}\u0000${node.pool}`;
  const now = Date.now();
  let entry = cache.get(key);
  // A small pool, or one still filling up, is cheap to read and must not be stale: no cache.
  const ttl = entry && entry.peers.length >= MIN_CACHED_PEERS ? PEER_TTL_MS : 0;
  if (!entry || now - entry.at > ttl) {
    entry = { at: now, peers: await poolPeers(prisma, node) };
    cache.set(key, entry);
  }
  return entry.peers.filter((p) => p.name !== node.name);
}
