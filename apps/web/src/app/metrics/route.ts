import { handleMetrics } from '@nodescope/api';

export const dynamic = 'force-dynamic';

/** GET /metrics: Prometheus text format. */
export function GET() {
  return handleMetrics();
}
