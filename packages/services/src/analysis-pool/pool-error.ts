/** Why an analysis did not produce a result: callers show `message`, branch on `code`. */
export class AnalysisPoolError extends Error {
  override name = 'AnalysisPoolError';
  constructor(
    message: string,
    readonly code: 'queue-full' | 'deadline' | 'crashed' | 'failed' | 'closed',
  ) {
    super(message);
  }
}

/** The sentence for a worker that exited in the middle of a job. */
export function crashMessage(
  slot: { error?: Error; ready: boolean },
  exitCode: number,
  memoryMb: number,
): string {
  const err = slot.error as (Error & { code?: string }) | undefined;
  if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return `analysis ran out of memory (the worker's limit is ${memoryMb} MB) and was stopped; the snapshot is too large to analyse`;
  if (!slot.ready)
    return `the analysis worker failed to start: ${err ? err.message : `exit code ${exitCode}`}`;
  return err
    ? `the analysis worker crashed: ${err.message}`
    : `the analysis worker exited (code ${exitCode}) in the middle of the analysis`;
}
