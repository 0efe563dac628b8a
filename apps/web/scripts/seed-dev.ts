/**
 * Development fleet without SSH: starts an embedded PostgreSQL (or uses DATABASE_URL), fills it
 * with ~24 nodes and a day of snapshots that look like the five incidents, prints the URL and
 * keeps the database running until Ctrl-C.
 *   npx tsx apps/web/scripts/seed-dev.ts [--port 54400] [--dir /tmp/nodescope-dev]
 */
import { bootstrapDatabase, getPrisma, recordCollectionFailure, storeSnapshot } from '@nodescope/db';
import { addNodes, findNode, listNodes } from '@nodescope/services/nodes/inventory-changes';
import { devFleet, devSnapshot } from './dev-fleet.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};

const db = await bootstrapDatabase({
  port: Number(arg('--port') ?? 54400),
  dataDir: arg('--dir') ?? '/tmp/nodescope-dev',
});
const prisma = getPrisma(db.url);
const nodes = devFleet();
await addNodes(
  prisma,
  nodes.map((n) => ({ name: n.name, host: n.host, labels: n.labels, intervalSec: 300 })),
);
// Filled before (this data folder kept): any node with a snapshot.
const already = (await listNodes(prisma)).some((n) => n.lastSnapshotId !== null);
if (!already) {
  const now = Date.now();
  for (const n of nodes) {
    const row = await findNode(prisma, n.name);
    if (!row) throw new Error(`node ${n.name} was not added`);
    if (n.failure) {
      await recordCollectionFailure(prisma, row.id, n.failure.state, n.failure.error, new Date(now - 30_000));
      if (n.failure.state !== 'host-key-unknown') continue;
    }
    // A day of half-hourly snapshots, oldest first, so first-seen carries over.
    for (let i = 47; i >= 0; i--) {
      const takenAt = new Date(now - i * 30 * 60_000 - 60_000);
      await storeSnapshot(prisma, { nodeId: row.id, ...devSnapshot(n, takenAt, 47 - i) });
    }
    if (n.failure)
      await recordCollectionFailure(prisma, row.id, n.failure.state, n.failure.error, new Date(now - 30_000));
  }
}
console.log(`DATABASE_URL=${db.url}`);
process.on('SIGINT', () => void db.stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void db.stop().then(() => process.exit(0)));
setInterval(() => {}, 1 << 30);
