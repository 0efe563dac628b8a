import type PgBoss from 'pg-boss';

/**
 * How long a collection job stays ours without a renewal. pg-boss 10 has no heartbeat: an
 * active job expires `expire_in` after `started_on`, and only then is it retried. A worker
 * that is killed mid-collection would otherwise hold its node's job (the `stately` policy
 * allows one active job per node) for the whole expiry. So every job gets a short expiry and
 * its live worker renews it by moving `started_on` forward; a dead worker stops renewing and
 * its jobs are retried by pg-boss' own maintenance, run by any live worker.
 */
export interface JobLease {
  /** Seconds a job survives without renewal. */
  leaseSec: number;
  /** Renewal period, ms: a third of the lease, so two missed renewals still keep the job. */
  renewEveryMs: number;
  /** pg-boss maintenance period (it fails expired jobs), seconds. */
  maintenanceSec: number;
}

export function jobLease(leaseSec: number): JobLease {
  return {
    leaseSec,
    renewEveryMs: Math.max(1000, Math.floor((leaseSec * 1000) / 3)),
    maintenanceSec: Math.max(1, Math.min(120, Math.floor(leaseSec / 2))),
  };
}

/**
 * Renews the active jobs this worker is running. Written against pg-boss 10's `job` table; the
 * worker-kill test (test/worker-killed.int.test.ts) fails if an upgrade changes it.
 */
export async function renewJobs(boss: PgBoss, queue: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await boss.getDb().executeSql(
    `UPDATE pgboss.job SET started_on = now()
      WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`,
    [queue, ids],
  );
}
