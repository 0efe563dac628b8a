import { handleUpload } from '@nodescope/api';
import { guardRoute } from '@/lib/auth-server';

export const dynamic = 'force-dynamic';

/** POST /api/upload (responder): a bundle file (plain or gzip, up to 200 MB) as the body or a `file` form field. */
export async function POST(req: Request) {
  const guard = await guardRoute(req, 'responder', { mutation: true });
  if (guard instanceof Response) return guard;
  return handleUpload(req, guard.actor);
}
