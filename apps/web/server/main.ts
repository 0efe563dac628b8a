import { chmodSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorker, type WorkerHandle } from '@nodescope/collector';
import { bootstrapDatabase, disconnectAll, getPrisma } from '@nodescope/db';
import { ConfigError, env, validateEnv } from '@nodescope/config';
import next from 'next';
import { ensureFirstAdmin, hasConfiguredAdmin } from '@nodescope/services/accounts/first-admin';
import { ensureWritableDataDir } from '@nodescope/services/data-dir';
import { metricsToken, metricsTokenFile } from '@nodescope/services/auth/metrics-token';
import { publicBindRefusal } from '@nodescope/services/config/public-bind';
import { loadConfig } from './config.ts';
import { type DemoHandle, startDemo } from './demo.ts';

const log = (line: string) => console.log(`[nodescope] ${line}`);
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The composition root: database (embedded unless DATABASE_URL), migrations, demo fleet,
 * one embedded collection worker, and the Next.js UI in this same process. Everything it
 * starts it stops again on SIGINT / SIGTERM.
 */
/** What has been started so far, stopped in reverse order on a signal or a failed start. */
const stops: (() => Promise<void>)[] = [];

async function main() {
  // Every variable checked at once, before anything starts: one message lists all that are wrong.
  validateEnv();
  const config = loadConfig(process.argv.slice(2));
  // Checked before anything starts: a public address needs accounts configured on purpose. Only
  // outside the demo can the database still show that they are (an admin added earlier).
  const refusal = publicBindRefusal(config.bind);
  if (refusal && config.bind.demo) {
    console.error(`[nodescope] ${refusal}`);
    process.exit(2);
  }
  const started = performance.now();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    for (const stop of stops.reverse()) {
      await stop().catch((err) => log(`stop: ${(err as Error).message}`));
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const db = await bootstrapDatabase({ log: () => {}, notice: log });
  stops.push(() => db.stop());
  stops.push(() => disconnectAll());
  log(
    db.embedded
      ? `embedded PostgreSQL in ${db.dataDir} (set DATABASE_URL to use another)`
      : 'using DATABASE_URL',
  );
  if (db.migrationsApplied.length) log(`migrations applied: ${db.migrationsApplied.join(', ')}`);
  const prisma = getPrisma(db.url);
  if (refusal) {
    if (!(await hasConfiguredAdmin(prisma))) {
      console.error(`[nodescope] ${refusal}`);
      await disconnectAll();
      await db.stop();
      process.exit(2);
    }
    log(`listening on ${config.host}: sign-in is set up (an admin account exists in the database)`);
  }
  // Secrets, tokens and the demo fleet live in the data folder; code bundled by Next reads it from here.
  process.env.NODESCOPE_DATA_DIR ??= db.dataDir ?? path.resolve(webDir, '../../.nodescope');
  const dataDir = ensureWritableDataDir(
    env('NODESCOPE_DATA_DIR') ?? path.resolve(webDir, '../../.nodescope'),
  );
  const admin = await ensureFirstAdmin(prisma, { demo: config.demo });
  metricsToken();
  if (!env('NODESCOPE_METRICS_TOKEN'))
    log(`/metrics bearer token: ${metricsTokenFile()} (Prometheus bearer_token_file)`);
  const origin = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  if (admin.kind === 'demo') {
    // Also kept 0600 in the data folder, for scripts and tests on this machine.
    const file = path.join(dataDir, 'demo-admin-password');
    writeFileSync(file, `${admin.password}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    log(
      `demo admin: sign in as ${admin.email} with password ${admin.password} (new on every start; also in ${file})`,
    );
  } else if (admin.kind === 'from-env') log(`first admin ${admin.email} created from NODESCOPE_ADMIN_EMAIL`);
  else if (admin.kind === 'setup-link')
    log(`no admin yet: create one within 24 h at ${origin}/signin?setup=${admin.token} (one-time link)`);

  let demo: DemoHandle | undefined;
  if (config.demo) {
    demo = await startDemo(prisma, {
      dataDir: db.dataDir ?? path.resolve(webDir, '../../.nodescope'),
      ...(config.demoBasePort ? { basePort: config.demoBasePort } : {}),
      intervalSec: config.demoIntervalSec,
      backfillDays: config.backfillDays,
      backfillIntervalMin: config.backfillIntervalMin,
      log,
    });
    const d = demo;
    stops.push(() => d.stop());
    log(`demo fleet: ${demo.nodes} simulated nodes on loopback SSH`);
  }

  let worker: WorkerHandle | undefined;
  if (config.worker) {
    worker = await startWorker({ databaseUrl: db.url, concurrency: config.workerConcurrency, log });
    const w = worker;
    stops.push(() => w.stop());
  }

  const app = next({ dev: config.dev, dir: webDir, hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${config.port} is in use: set PORT to a free port.`)
          : err,
      ),
    );
    server.listen(config.port, config.host, resolve);
  });
  stops.push(() => new Promise((r) => server.close(() => r())));
  stops.push(() => app.close());
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `ready in ${secs}s: open http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`,
  );
}

main().catch(async (err) => {
  console.error(`[nodescope] failed to start: ${(err as Error).message}`);
  // A start that fails half-way (e.g. the web port is taken) must not leave the database running.
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(err instanceof ConfigError ? 2 : 1);
});
