import { auditRouter } from './routers/audit.ts';
import { fleetRouter } from './routers/fleet.ts';
import { hostKeysRouter } from './routers/host-keys.ts';
import { incidentsRouter } from './routers/incidents.ts';
import { inventoryRouter } from './routers/inventory.ts';
import { keysRouter } from './routers/keys.ts';
import { mountsRouter } from './routers/mounts.ts';
import { nodeRouter } from './routers/node.ts';
import { snapshotRouter } from './routers/snapshot.ts';
import { usersRouter } from './routers/users.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  audit: auditRouter,
  fleet: fleetRouter,
  hostKeys: hostKeysRouter,
  incidents: incidentsRouter,
  inventory: inventoryRouter,
  keys: keysRouter,
  mounts: mountsRouter,
  node: nodeRouter,
  snapshot: snapshotRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
