import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@nodescope/config';

const FILE = 'analysis-worker.mjs';
const FROM_ROOT = path.join('packages', 'services', 'src', 'analysis-pool', FILE);

/**
 * Where the worker's entry file is on disk. Next.js bundles this module into its server build,
 * where `import.meta.url` may name a placeholder (`/ROOT/…`) rather than the source file, so
 * the file next to this module is tried first and then the repository's copy found from the
 * working directory upwards (the server starts in the repository or in apps/web).
 * NODESCOPE_ANALYSIS_WORKER overrides both.
 */
export function analysisWorkerFile(): string {
  const fromEnv = env('NODESCOPE_ANALYSIS_WORKER');
  if (fromEnv) return path.resolve(fromEnv);
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), FILE));
  } catch {
    // Not a file: URL inside some bundles; the working directory still finds it.
  }
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, FROM_ROOT));
    if (path.dirname(dir) === dir) break;
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(
      `analysis worker ${FILE} not found (looked in ${candidates.slice(0, 3).join(', ')}, …); set NODESCOPE_ANALYSIS_WORKER to its path`,
    );
  return found;
}
