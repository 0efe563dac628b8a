import { availableParallelism } from 'node:os';
import type { RawArtifact } from '@nodescope/core';
import {
  AnalysisPool,
  type AnalysisOptions,
  type AnalysisOutput,
  type StoredAnalysis,
} from './analysis-pool.ts';
import { env } from '@nodescope/config';

export { AnalysisPool, type AnalysisPoolOptions } from './analysis-pool.ts';
export { AnalysisPoolError } from './pool-error.ts';
export type { AnalysisOptions, AnalysisOutput, StoredAnalysis };

// One pool per process, even when this module is loaded twice (the server's own copy and the
// one Next.js bundles into its routes): two pools would run two sets of workers on two cores.
const KEY = Symbol.for('nodescope.analysis-pool');
type Holder = { [KEY]?: AnalysisPool };

/**
 * The process's pool, sized from the machine: one worker per core beyond the one the server's
 * event loop needs (one on a 2-core machine), up to 4. NODESCOPE_ANALYSIS_WORKERS,
 * NODESCOPE_ANALYSIS_QUEUE, NODESCOPE_ANALYSIS_DEADLINE_MS and NODESCOPE_ANALYSIS_MEMORY_MB
 * override the defaults.
 */
export function analysisPool(): AnalysisPool {
  const holder = globalThis as Holder;
  holder[KEY] ??= new AnalysisPool({
    size: env('NODESCOPE_ANALYSIS_WORKERS') ?? Math.min(4, Math.max(1, availableParallelism() - 1)),
    maxQueue: env('NODESCOPE_ANALYSIS_QUEUE'),
    deadlineMs: env('NODESCOPE_ANALYSIS_DEADLINE_MS'),
    maxMemoryMb: env('NODESCOPE_ANALYSIS_MEMORY_MB'),
  });
  return holder[KEY];
}

/**
 * core's analyzeArtifacts, run in the pool: the same result, computed off the event loop.
 * Rejects with an AnalysisPoolError (queue full, deadline passed, worker crashed or out of
 * memory) whose message can be shown as it is.
 */
export function analyzeInPool(
  artifacts: RawArtifact[],
  options: AnalysisOptions = {},
): Promise<AnalysisOutput> {
  return analysisPool().analyze(artifacts, options);
}

/**
 * analyzeInPool for callers that store the snapshot (ingest, upload): findings, metrics,
 * warnings and `state.system` only, so a large node's full state is not copied back into the
 * server's thread (~300 ms for the demo's largest node).
 */
export function analyzeForStorage(
  artifacts: RawArtifact[],
  options: AnalysisOptions = {},
): Promise<StoredAnalysis> {
  return analysisPool().analyzeForStorage(artifacts, options);
}

/** Stops the process's pool (server shutdown, end of tests); the next call starts a new one. */
export async function closeAnalysisPool(): Promise<void> {
  const holder = globalThis as Holder;
  const pool = holder[KEY];
  holder[KEY] = undefined;
  await pool?.close();
}
