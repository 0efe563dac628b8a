import { handleUpload } from '@nodescope/api';

export const dynamic = 'force-dynamic';

/** POST /api/upload: a bundle file (plain or gzip, up to 200 MB) as the body or a `file` form field. */
export function POST(req: Request) {
  return handleUpload(req);
}
