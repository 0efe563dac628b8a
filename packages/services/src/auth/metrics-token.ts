import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../data-dir.ts';
import { env } from '@nodescope/config';

/** The bearer token Prometheus sends to /metrics: NODESCOPE_METRICS_TOKEN, or `<data folder>/metrics-token` (0600, generated). */
export function metricsTokenFile(): string {
  return path.join(dataDir(), 'metrics-token');
}

export function metricsToken(): string {
  const fromEnv = env('NODESCOPE_METRICS_TOKEN');
  if (fromEnv) return fromEnv;
  const file = metricsTokenFile();
  if (!existsSync(file)) {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

export function checkBearer(authorization: string | null): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m?.[1]) return false;
  const got = Buffer.from(m[1]);
  const want = Buffer.from(metricsToken());
  return got.length === want.length && timingSafeEqual(got, want);
}
