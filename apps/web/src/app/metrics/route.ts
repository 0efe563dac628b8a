import { handleMetrics } from '@nodescope/api';
import { checkBearer } from '@nodescope/services/auth/metrics-token';

export const dynamic = 'force-dynamic';

/** GET /metrics: Prometheus text format, for a scraper with the bearer token (bearer_token_file). */
export function GET(req: Request) {
  if (!checkBearer(req.headers.get('authorization')))
    return new Response(
      "A bearer token is required: see NODESCOPE_METRICS_TOKEN or the data folder's metrics-token.\n",
      {
        status: 401,
        headers: {
          'www-authenticate': 'Bearer realm="nodescope-metrics"',
          'content-type': 'text/plain; charset=utf-8',
        },
      },
    );
  return handleMetrics();
}
