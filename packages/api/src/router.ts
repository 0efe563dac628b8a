import { fleetRouter } from './routers/fleet.ts';
import { inventoryRouter } from './routers/inventory.ts';
import { mountsRouter } from './routers/mounts.ts';
import { nodeRouter } from './routers/node.ts';
import { snapshotRouter } from './routers/snapshot.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  fleet: fleetRouter,
  inventory: inventoryRouter,
  mounts: mountsRouter,
  node: nodeRouter,
  snapshot: snapshotRouter,
});

export type AppRouter = typeof appRouter;
