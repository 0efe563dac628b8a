import { getPrisma } from '@nodescope/db';
import { claimDueNodes } from '@nodescope/services/collection/due-nodes';
import { pruneHistoryOnce } from '@nodescope/services/collection/prune-history-once';
import PgBoss from 'pg-boss';
import { env } from '@nodescope/config';
import { type CollectOptions, collectNode } from './collect-node.ts';
import { jobLease, renewJobs } from './job-lease.ts';

export const COLLECT_QUEUE = 'collect';

export interface WorkerOptions extends CollectOptions {
  databaseUrl: string;
  /** Collections in flight in this worker (default 32). */
  concurrency?: number;
  /** How often this worker looks for due nodes, ms (default 2000). */
  tickMs?: number;
  /** Seconds a job outlives a worker that stopped renewing it (default NODESCOPE_WORKER_LEASE_SEC). */
  leaseSec?: number;
  /** Whether this worker also schedules (default true); any number of workers may. */
  schedule?: boolean;
  onCollected?: (outcome: Awaited<ReturnType<typeof collectNode>>) => void;
}

export interface WorkerHandle {
  stop(): Promise<void>;
  /** Resolves when no job is queued or running (tests and backfill use it). */
  idle(): Promise<void>;
}

interface CollectJob {
  nodeId: number;
}

/** Workers starting together race to create the queue's partition: the losers retry or find it made. */
async function ensureQueue(boss: PgBoss): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (await boss.getQueue(COLLECT_QUEUE)) return;
    try {
      await boss.createQueue(COLLECT_QUEUE, {
        name: COLLECT_QUEUE,
        policy: 'stately',
        retryLimit: 0,
        expireInSeconds: 600,
      });
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
    }
  }
}

/**
 * A collection worker: jobs live in Postgres (pg-boss, `stately` policy keyed by node, so one
 * node is never collected twice at once). Several workers on several machines share one
 * database; each claims due nodes atomically and fetches jobs with SKIP LOCKED.
 */
export async function startWorker(opts: WorkerOptions): Promise<WorkerHandle> {
  const prisma = getPrisma(opts.databaseUrl);
  let stopping = false;
  const lease = jobLease(opts.leaseSec ?? env('NODESCOPE_WORKER_LEASE_SEC'));
  const boss = new PgBoss({
    connectionString: opts.databaseUrl,
    schema: 'pgboss',
    max: 4,
    maintenanceIntervalSeconds: lease.maintenanceSec,
  });
  // After stop() the database may go away first (shutdown order): those errors are expected.
  boss.on('error', (err) => {
    if (!stopping) opts.log?.(`queue error: ${err.message}`);
  });
  await boss.start();
  await ensureQueue(boss);
  const concurrency = opts.concurrency ?? 32;
  let running = 0;
  const inflight = new Set<Promise<void>>();
  const activeIds = new Set<string>();

  const schedule = async () => {
    const due = await claimDueNodes(prisma);
    if (due.length === 0) return;
    await boss.insert(
      due.map((n) => ({
        name: COLLECT_QUEUE,
        data: { nodeId: n.id },
        singletonKey: `node-${n.id}`,
        // collectNode records node faults itself and returns; a job fails only when the
        // worker could not finish it (database gone, worker killed), and is then retried.
        expireInSeconds: lease.leaseSec,
        retryLimit: 3,
      })),
    );
  };

  const runJob = async (job: PgBoss.Job<CollectJob>) => {
    activeIds.add(job.id);
    try {
      const outcome = await collectNode(prisma, job.data.nodeId, opts);
      opts.onCollected?.(outcome);
      await boss.complete(COLLECT_QUEUE, job.id);
    } catch (err) {
      opts.log?.(`collect job ${job.id} failed: ${(err as Error).message}`);
      await boss.fail(COLLECT_QUEUE, job.id, { message: (err as Error).message }).catch(() => {});
    } finally {
      activeIds.delete(job.id);
    }
  };

  const pump = async () => {
    const free = concurrency - running;
    if (free <= 0 || stopping) return;
    const jobs = await boss.fetch<CollectJob>(COLLECT_QUEUE, { batchSize: free });
    for (const job of jobs) {
      running++;
      const p = runJob(job).finally(() => {
        running--;
        inflight.delete(p);
        if (!stopping) void loop();
      });
      inflight.add(p);
    }
  };

  // One pass at a time; a caller arriving mid-pass waits for that pass.
  let current: Promise<void> | undefined;
  const loop = (): Promise<void> => {
    if (stopping) return Promise.resolve();
    current ??= (async () => {
      try {
        if (opts.schedule !== false) await schedule();
        await pump();
      } catch (err) {
        opts.log?.(`worker loop: ${(err as Error).message}`);
      } finally {
        current = undefined;
      }
    })();
    return current;
  };
  const timer = setInterval(() => void loop(), opts.tickMs ?? 2000);
  const renewTimer = setInterval(() => {
    renewJobs(boss, COLLECT_QUEUE, [...activeIds]).catch((err: Error) => {
      if (!stopping) opts.log?.(`renewing ${activeIds.size} jobs: ${err.message}`);
    });
  }, lease.renewEveryMs);
  void loop();

  // Retention runs in whichever worker takes the lock first; the others skip that round.
  const prune = async () => {
    const r = await pruneHistoryOnce(prisma);
    if (r && (r.artifactsPruned || r.snapshotsDeleted)) {
      opts.log?.(`retention: ${r.artifactsPruned} artifacts pruned, ${r.snapshotsDeleted} snapshots deleted`);
    }
  };
  const pruneTimer = setInterval(() => void prune().catch(() => {}), 3_600_000);
  pruneTimer.unref();

  return {
    async idle() {
      for (;;) {
        await loop();
        await loop(); // a full pass that started after this call
        const queued = await boss.getQueueSize(COLLECT_QUEUE);
        if (running === 0 && queued === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      clearInterval(pruneTimer);
      // Renewal goes on while the collections in flight finish.
      await Promise.allSettled([...inflight]);
      clearInterval(renewTimer);
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
