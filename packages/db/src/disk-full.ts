/**
 * PostgreSQL out of disk space: SQLSTATE 53100 (`could not extend file …: No space left on
 * device`), or the server gone while it restarts after failing to write its WAL. Neither is the
 * caller's fault and both pass once space returns, so callers keep the data and retry.
 */
export function isDiskFull(err: unknown): boolean {
  const e = err as { code?: string; meta?: { code?: string }; message?: string } | undefined;
  const text = `${e?.code ?? ''} ${e?.meta?.code ?? ''} ${e?.message ?? ''}`;
  return /\b53100\b|No space left on device|could not extend file|disk full/i.test(text);
}

/** What an operator reads: the cause, where to look, and that nothing was lost. */
export function diskFullMessage(what: string): string {
  return (
    `${what}: the database's disk is full (PostgreSQL: No space left on device). Free space ` +
    'on the disk that holds its data (for the embedded database, the data folder, ' +
    'NODESCOPE_DATA_DIR); nothing stored so far is affected'
  );
}
