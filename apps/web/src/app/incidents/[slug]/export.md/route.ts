import { appRouter, createContext } from '@nodescope/api';
import { TRPCError } from '@trpc/server';
import { requestActor } from '../../request-actor';

export const dynamic = 'force-dynamic';

/** GET /incidents/<slug>/export.md[?redact=1][&download=1]: the postmortem Markdown (viewer role). */
export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const url = new URL(req.url);
  const redact = url.searchParams.get('redact') === '1';
  try {
    const r = await appRouter
      .createCaller(createContext(await requestActor(req)))
      .incidents.exportMarkdown({ slug, redact, origin: url.origin });
    return new Response(r.markdown, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'cache-control': 'private, no-store',
        ...(url.searchParams.get('download') === '1'
          ? { 'content-disposition': `attachment; filename="${slug}${redact ? '-redacted' : ''}.md"` }
          : {}),
      },
    });
  } catch (e) {
    if (e instanceof TRPCError) {
      const status =
        e.code === 'NOT_FOUND' ? 404 : e.code === 'UNAUTHORIZED' ? 401 : e.code === 'FORBIDDEN' ? 403 : 400;
      return new Response(`${e.message}\n`, {
        status,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    throw e;
  }
}
