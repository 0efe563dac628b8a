import { appRouter, createContext, MAX_BATCH } from '@nodescope/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { csrfOk, sessionFromRequest } from '@/lib/auth-server';

export const dynamic = 'force-dynamic';

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify({ error: { message: body } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

async function handler(req: Request) {
  // `/api/trpc/a,b,c`: a batch names its procedures in the path; a huge batch is refused up front.
  const paths = decodeURIComponent(new URL(req.url).pathname.replace(/^\/api\/trpc\/?/, '')).split(',');
  if (paths.length > MAX_BATCH) return json(`At most ${MAX_BATCH} calls per batch.`, 400);
  const session = await sessionFromRequest(req);
  // Mutations carry the session's CSRF token (the proxy has already checked the Origin).
  if (session && req.method === 'POST' && !csrfOk(req, session))
    return json('Missing or wrong x-csrf-token header (cross-site request?).', 403);
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext(session?.actor ?? null),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
