import { fleetRouter } from './routers/fleet.ts';
import { incidentsRouter } from './routers/incidents.ts';
import { inventoryRouter } from './routers/inventory.ts';
import { nodeRouter } from './routers/node.ts';
import { snapshotRouter } from './routers/snapshot.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  fleet: fleetRouter,
  incidents: incidentsRouter,
  inventory: inventoryRouter,
  node: nodeRouter,
  snapshot: snapshotRouter,
});

export type AppRouter = typeof appRouter;
