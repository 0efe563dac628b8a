import { handleTrpc } from '@nodescope/api';
import { csrfOk, sessionFromRequest } from '@/lib/auth-server';

export const dynamic = 'force-dynamic';

async function handler(req: Request) {
  const session = await sessionFromRequest(req);
  // Mutations carry the session's CSRF token (the proxy has already checked the Origin).
  if (session && req.method === 'POST' && !csrfOk(req, session))
    return new Response(
      JSON.stringify({ error: { message: 'Missing or wrong x-csrf-token header (cross-site request?).' } }),
      { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } },
    );
  // Batch and body size limits, then the router (packages/api/src/http/trpc-handler.ts).
  return handleTrpc(req, session?.actor ?? null);
}

export { handler as GET, handler as POST };
