import { fleetRouter } from './routers/fleet.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  fleet: fleetRouter,
});

export type AppRouter = typeof appRouter;
