import { getPrisma, pingDatabase } from '@nodescope/db';

export const dynamic = 'force-dynamic';

/** GET /api/health: open (load balancers, uptime checks); says only whether the server and its database answer. */
export async function GET() {
  let database = false;
  try {
    database = await pingDatabase(getPrisma());
  } catch {
    // no client (no database configured): the answer below says it
  }
  return new Response(JSON.stringify({ ok: database, database }), {
    status: database ? 200 : 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
