import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import { withDatabaseWait } from './wait-for-database.ts';
import { env } from '@nodescope/config';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Where the embedded cluster lives; undefined with DATABASE_URL. */
  dataDir?: string;
  migrationsApplied: string[];
  stop(): Promise<void>;
}

export interface BootstrapOptions {
  log?: (line: string) => void;
  /** Defaults: NODESCOPE_DATA_DIR or <repo>/.nodescope. */
  dataDir?: string;
  /** Defaults: NODESCOPE_PG_PORT or 54329. */
  port?: number;
  /** Lines an operator must see (waiting for DATABASE_URL's server); defaults to stderr. */
  notice?: (line: string) => void;
}

/**
 * DATABASE_URL set: use that server and start nothing. Otherwise start the embedded
 * PostgreSQL in the data folder. Either way, apply migrations before returning.
 */
export async function bootstrapDatabase(opts: BootstrapOptions = {}): Promise<DatabaseHandle> {
  const log = opts.log ?? (() => {});
  const external = env('DATABASE_URL');
  if (external) {
    const { applied } = await withDatabaseWait(() => migrate(external), {
      url: external,
      waitMs: env('NODESCOPE_DB_WAIT_SEC') * 1000,
      log: opts.notice ?? ((line) => console.error(`[nodescope] ${line}`)),
    });
    return { url: external, embedded: false, migrationsApplied: applied, stop: async () => {} };
  }
  const dataDir = path.resolve(
    opts.dataDir ?? env('NODESCOPE_DATA_DIR') ?? path.join(REPO_ROOT, '.nodescope'),
  );
  const port = opts.port ?? env('NODESCOPE_PG_PORT');
  const pg = await startEmbeddedPostgres({ dataDir, port, log });
  try {
    const { applied } = await migrate(pg.url);
    // Set for what runs later in this process and its children (the schema reads it live).
    process.env.DATABASE_URL = pg.url;
    return { url: pg.url, embedded: true, dataDir, migrationsApplied: applied, stop: () => pg.stop() };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}
