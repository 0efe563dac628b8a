/**
 * An external PostgreSQL (DATABASE_URL) may still be starting when Nodescope starts (compose,
 * systemd ordering, a database restart). Waiting with backoff, bounded and saying so on the
 * console, avoids both a crash loop and a silent hang; errors that waiting cannot fix (wrong
 * password, unknown database, bad URL) fail at once.
 */

/** Connection-level failures worth waiting out; anything else is a configuration error. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  '57P03', // the database system is starting up / shutting down
  '53300', // too many connections
]);

export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    const msg = (e as { message?: unknown }).message;
    if (typeof msg === 'string' && /Connection terminated|connect ECONNREFUSED|timeout expired/i.test(msg))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** host:port/database of a postgres URL, never its user or password (this goes to logs). */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname || ''}`;
  } catch {
    return 'the DATABASE_URL server';
  }
}

export interface WaitOptions {
  url: string;
  /** Total time to keep trying before giving up. */
  waitMs: number;
  log: (line: string) => void;
  /** First delay between attempts; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/** Runs `attempt` until it succeeds, a non-transient error occurs, or `waitMs` has passed. */
export async function withDatabaseWait<T>(attempt: () => Promise<T>, opts: WaitOptions): Promise<T> {
  const where = describeDatabaseUrl(opts.url);
  const started = Date.now();
  let delay = opts.initialDelayMs ?? 1_000;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isTransientDbError(err)) throw err;
      const reason = (err as Error).message.split('\n')[0]?.slice(0, 200) ?? String(err);
      const elapsed = Date.now() - started;
      if (elapsed + delay > opts.waitMs) {
        throw new DatabaseUnreachableError(
          `PostgreSQL at ${where} is not reachable (${reason}); gave up after ${n} attempts in ${Math.round(elapsed / 1000)} s. ` +
            'Is the server running and is DATABASE_URL right? (NODESCOPE_DB_WAIT_SEC sets how long to wait.)',
        );
      }
      opts.log(
        `PostgreSQL at ${where} is not reachable yet (${reason}); retrying in ${Math.round(delay / 100) / 10} s`,
      );
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(maxDelay, delay * 2);
    }
  }
}
