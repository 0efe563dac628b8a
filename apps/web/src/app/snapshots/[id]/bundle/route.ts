import { handleBundleDownload } from '@nodescope/api';
import { guardRoute } from '@/lib/auth-server';

export const dynamic = 'force-dynamic';

/** GET /snapshots/<id>/bundle (viewer): the snapshot as bundle text v1, re-uploadable and readable by `nodescope analyze`. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await guardRoute(req, 'viewer');
  if (guard instanceof Response) return guard;
  const { id } = await ctx.params;
  return handleBundleDownload(id);
}
