import { env } from '@nodescope/config';
import type { BindSettings } from '@nodescope/services/config/public-bind';

/** The server's settings, from the one environment schema (packages/config/src/env.ts; README lists the same table). */
export interface ServerConfig {
  host: string;
  port: number;
  dev: boolean;
  demo: boolean;
  demoBasePort: number | undefined;
  demoIntervalSec: number;
  backfillDays: number;
  backfillIntervalMin: number;
  worker: boolean;
  workerConcurrency: number;
  /** What decides whether `host` may be a public address (services/config/public-bind.ts). */
  bind: BindSettings;
}

export function loadConfig(argv: string[]): ServerConfig {
  const host = env('NODESCOPE_HOST');
  const demo = env('NODESCOPE_DEMO');
  return {
    host,
    port: env('PORT'),
    dev: argv.includes('--dev'),
    demo,
    demoBasePort: env('NODESCOPE_SIM_BASE_PORT'),
    demoIntervalSec: env('NODESCOPE_DEMO_INTERVAL'),
    backfillDays: env('NODESCOPE_BACKFILL_DAYS'),
    backfillIntervalMin: env('NODESCOPE_BACKFILL_INTERVAL_MIN'),
    worker: env('NODESCOPE_WORKER'),
    workerConcurrency: env('NODESCOPE_WORKER_CONCURRENCY'),
    bind: {
      host,
      demo,
      allowPublic: env('NODESCOPE_ALLOW_PUBLIC'),
      adminEmail: env('NODESCOPE_ADMIN_EMAIL'),
      adminPassword: env('NODESCOPE_ADMIN_PASSWORD'),
    },
  };
}
