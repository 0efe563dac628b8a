import { appRouter, createContext } from '@nodescope/api';
import type { Actor } from '@nodescope/services';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

export const dynamic = 'force-dynamic';

// Placeholder until sign-in exists: every caller acts as an admin. Replaced by the session lookup.
const UNAUTHENTICATED_ADMIN: Actor = { kind: 'system', id: 'anonymous', name: 'anonymous', role: 'admin' };

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext(UNAUTHENTICATED_ADMIN),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
