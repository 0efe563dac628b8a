// `npm start`: everything on defaults (embedded PostgreSQL, demo fleet, UI on :3000).
// `npm run dev`: the same with the Next.js dev server instead of a production build.
import { checkNode, ensureCliBuild, ensurePrismaClient, ensureWebBuild } from './preflight.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
checkNode();
ensurePrismaClient();
ensureCliBuild();
const dev = process.argv.includes('--dev');
if (!dev) ensureWebBuild();
const { register } = await import('tsx/esm/api');
register();
// The server runs in this process, so Ctrl-C reaches it directly and it stops what it started.
await import('../apps/web/server/main.ts');
