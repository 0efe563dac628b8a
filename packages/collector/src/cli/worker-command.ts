import { bootstrapDatabase, disconnectAll } from '@nodescope/db';
import { startWorker } from '../service/worker.ts';
import { type CliIo, parseArgs } from './io.ts';

export const WORKER_USAGE = `usage: nodescope worker [--concurrency N]
  Runs a collection worker against DATABASE_URL (or this checkout's embedded database).
  Start several, on several machines, against one database to share the fleet.`;

export async function workerCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags } = parseArgs(argv, { concurrency: 'string', help: 'boolean' });
  if (flags.help) {
    io.stderr(`${WORKER_USAGE}\n`);
    return 0;
  }
  const db = await bootstrapDatabase();
  const worker = await startWorker({
    databaseUrl: db.url,
    concurrency: Number(flags.concurrency ?? 32),
    log: (l) => io.stderr(`${l}\n`),
    onCollected: (o) => io.stdout(`${new Date().toISOString()} ${o.node} ${o.state} ${o.durationMs}ms\n`),
  });
  io.stderr(`worker running (${db.embedded ? 'embedded database' : 'DATABASE_URL'}); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await worker.stop();
  await disconnectAll();
  await db.stop();
  return 0;
}
