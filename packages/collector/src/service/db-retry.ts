import { diskFullMessage, isDiskFull } from '@nodescope/db';

/**
 * A collected snapshot must survive a database restart: storing is retried with backoff for
 * up to `budgetMs` while the snapshot waits in memory. Idempotency comes from the snapshot's
 * collect key, so a commit whose reply was lost is not stored twice. A full disk is waited
 * out the same way, since space usually comes back (an operator frees it, retention runs).
 */
export async function withDbRetry<T>(
  fn: () => Promise<T>,
  opts: { budgetMs?: number; log?: (line: string) => void; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.budgetMs ?? 120_000);
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const full = isDiskFull(err);
      if (!(full || isTransient(err)) || Date.now() + delay > deadline) {
        if (full) throw new Error(`${diskFullMessage(opts.what ?? 'database call')}.`, { cause: err });
        throw err;
      }
      const what = opts.what ?? 'database call';
      opts.log?.(
        full
          ? `${diskFullMessage(what)}; the snapshot waits in memory, retry ${attempt} in ${delay} ms`
          : `${what} failed (${(err as Error).message.split('\n')[0]}); retry ${attempt} in ${delay} ms`,
      );
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}

/** Connection-level failures (server restarting, pool reset) are worth retrying; query errors are not. */
export function isTransient(err: unknown): boolean {
  const text = `${(err as { code?: string }).code ?? ''} ${(err as Error)?.message ?? ''}`;
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|57P01|57P02|57P03|08000|08003|08006|P1001|P1002|P1017|P2024|terminating connection|Connection terminated|connection (is )?closed|Can't reach database|the database system is (starting up|shutting down)|server closed the connection|Client has encountered a connection error|Unable to start a transaction in the given time/i.test(
    text,
  );
}
