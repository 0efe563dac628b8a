import { handleBundleDownload } from '@nodescope/api';

export const dynamic = 'force-dynamic';

/** GET /snapshots/<id>/bundle: the snapshot as bundle text v1, re-uploadable and readable by `nodescope analyze`. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return handleBundleDownload(id);
}
