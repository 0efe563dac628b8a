import type { Actor } from '@nodescope/services';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../router.ts';
import { createContext, MAX_BATCH } from '../trpc.ts';
import { readCappedBody } from './read-capped-body.ts';
import { UploadError } from '@nodescope/services/snapshots/upload-error';

/**
 * The largest tRPC request body. The biggest single input (an incident summary, a private key)
 * is tens of kilobytes; a full batch of those fits well under this. Bodies are counted as they
 * stream, so a 60 MB label value is refused before it is held in memory.
 */
export const MAX_TRPC_BODY_BYTES = 1024 * 1024;

const json = (message: string, status: number) =>
  new Response(JSON.stringify({ error: { message } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

/** The procedures a request names: `/api/trpc/a,b,c` is a batch of three. Null when the path is not decodable. */
function procedurePaths(url: string, endpoint: string): string[] | null {
  const raw = new URL(url).pathname.slice(endpoint.length).replace(/^\//, '');
  try {
    return decodeURIComponent(raw).split(',');
  } catch {
    return null;
  }
}

/**
 * One tRPC request over HTTP: batch size and body size are bounded before any procedure runs,
 * then the router answers with the caller's role. Sessions and CSRF are the route's concern.
 */
export async function handleTrpc(
  req: Request,
  actor: Actor | null,
  endpoint = '/api/trpc',
): Promise<Response> {
  const paths = procedurePaths(req.url, endpoint);
  if (!paths) return json('The procedure path is not valid percent-encoding.', 400);
  if (paths.length > MAX_BATCH)
    return json(`At most ${MAX_BATCH} calls per batch (got ${paths.length}).`, 400);
  let request = req;
  if (req.method === 'POST') {
    try {
      const body = await readCappedBody(req, MAX_TRPC_BODY_BYTES, 'request body');
      request = new Request(req.url, {
        method: 'POST',
        headers: req.headers,
        body: body as unknown as NonNullable<RequestInit>['body'],
      });
    } catch (err) {
      if (err instanceof UploadError) return json(err.message, err.status);
      return json('The request body could not be read.', 400);
    }
  }
  return fetchRequestHandler({
    endpoint,
    req: request,
    router: appRouter,
    createContext: () => createContext(actor),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error.cause ?? error);
    },
  });
}
