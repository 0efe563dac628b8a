import { fleetRouter } from './routers/fleet.ts';
import { nodeRouter } from './routers/node.ts';
import { snapshotRouter } from './routers/snapshot.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  fleet: fleetRouter,
  node: nodeRouter,
  snapshot: snapshotRouter,
});

export type AppRouter = typeof appRouter;
