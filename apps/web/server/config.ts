import type { BindSettings } from '@nodescope/services/config/public-bind';

/** Every setting of the server, from the environment, with its default. README lists the same table. */
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

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

export function loadConfig(argv: string[]): ServerConfig {
  const base = process.env.NODESCOPE_SIM_BASE_PORT;
  const host = process.env.NODESCOPE_HOST ?? '127.0.0.1';
  const demo = bool('NODESCOPE_DEMO', true);
  return {
    host,
    port: int('PORT', 3000),
    dev: argv.includes('--dev'),
    demo,
    demoBasePort: base ? int('NODESCOPE_SIM_BASE_PORT', 0) : undefined,
    demoIntervalSec: int('NODESCOPE_DEMO_INTERVAL', 60),
    backfillDays: int('NODESCOPE_BACKFILL_DAYS', 2),
    backfillIntervalMin: int('NODESCOPE_BACKFILL_INTERVAL_MIN', 60),
    worker: bool('NODESCOPE_WORKER', true),
    workerConcurrency: int('NODESCOPE_WORKER_CONCURRENCY', 32),
    bind: {
      host,
      demo,
      allowPublic: bool('NODESCOPE_ALLOW_PUBLIC', false),
      adminEmail: process.env.NODESCOPE_ADMIN_EMAIL || undefined,
      adminPassword: process.env.NODESCOPE_ADMIN_PASSWORD || undefined,
    },
  };
}
