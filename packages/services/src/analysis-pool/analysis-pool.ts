import { Worker } from 'node:worker_threads';
import type { analyzeArtifacts, RawArtifact } from '@nodescope/core';
import { AnalysisPoolError, crashMessage } from './pool-error.ts';
import { analysisWorkerFile } from './worker-file.ts';

export type AnalysisOptions = NonNullable<Parameters<typeof analyzeArtifacts>[1]>;
export type AnalysisOutput = ReturnType<typeof analyzeArtifacts>;
/** The analysis without the parsed node state, which only its system facts are kept of. */
export type StoredAnalysis = Omit<AnalysisOutput, 'state'> & {
  state: Pick<AnalysisOutput['state'], 'system'>;
};
type Keep = 'all' | 'system';

export interface AnalysisPoolOptions {
  /** Worker threads; default: one per core beyond the first (the server keeps one), at least 1. */
  size?: number;
  /** Jobs allowed to wait for a worker; one more is refused at once. */
  maxQueue?: number;
  /** Longest one analysis may run once it has a worker; the worker is then stopped. */
  deadlineMs?: number;
  /**
   * Old-generation heap of each worker: a bomb ends that worker, not the server. At least 256:
   * under a limit smaller than one large input string, V8 aborts the whole process instead of
   * ending the worker (seen at 48 MB with a 64 MB table).
   */
  maxMemoryMb?: number;
  /** Longest a new worker may take to load the analysis code. */
  startupMs?: number;
  workerFile?: string;
}

interface Job {
  artifacts: RawArtifact[];
  options: AnalysisOptions;
  keep: Keep;
  resolve: (r: AnalysisOutput) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** The worker's own error, when it threw or ran out of memory before exiting. */
  error?: Error;
}

let nextId = 1;

/**
 * A small pool of worker threads running core's analyzeArtifacts, so parsing a large snapshot
 * never blocks the server's event loop. Workers start on demand and idle without holding the
 * process open; a worker that crashes, runs out of memory or passes the deadline is stopped
 * and replaced by the next job that needs one. Failures reject with an AnalysisPoolError.
 */
export class AnalysisPool {
  readonly size: number;
  readonly maxQueue: number;
  readonly deadlineMs: number;
  readonly maxMemoryMb: number;
  private readonly startupMs: number;
  private readonly file: string;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(opts: AnalysisPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? 1));
    this.maxQueue = Math.max(0, Math.floor(opts.maxQueue ?? 256));
    this.deadlineMs = opts.deadlineMs ?? 120_000;
    this.maxMemoryMb = Math.max(256, opts.maxMemoryMb ?? 4096);
    this.startupMs = opts.startupMs ?? 60_000;
    this.file = opts.workerFile ?? analysisWorkerFile();
  }

  /** Jobs running and waiting, for metrics and tests. */
  stats(): { workers: number; running: number; queued: number } {
    let running = 0;
    for (const s of this.slots) if (s.job) running++;
    return { workers: this.slots.size, running, queued: this.queue.length };
  }

  /** core's analyzeArtifacts(artifacts, options), computed in a worker. */
  analyze(artifacts: RawArtifact[], options: AnalysisOptions = {}): Promise<AnalysisOutput> {
    return this.submit(artifacts, options, 'all');
  }

  /** The same, without the node state but its system facts: what storing a snapshot needs. */
  analyzeForStorage(artifacts: RawArtifact[], options: AnalysisOptions = {}): Promise<StoredAnalysis> {
    return this.submit(artifacts, options, 'system');
  }

  private submit(artifacts: RawArtifact[], options: AnalysisOptions, keep: Keep): Promise<AnalysisOutput> {
    return new Promise<AnalysisOutput>((resolve, reject) => {
      if (this.closed) return reject(new AnalysisPoolError('the analysis pool is closed', 'closed'));
      const job: Job = { artifacts, options, keep, resolve, reject };
      const slot = this.freeSlot();
      if (slot) return this.dispatch(slot, job);
      if (this.queue.length >= this.maxQueue)
        return reject(
          new AnalysisPoolError(
            `analysis queue is full (${this.maxQueue} snapshots waiting); try again shortly`,
            'queue-full',
          ),
        );
      this.queue.push(job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.reject(new AnalysisPoolError('the analysis pool is closed', 'closed'));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
  }

  private freeSlot(): Slot | undefined {
    for (const s of this.slots) if (!s.job) return s;
    return this.slots.size < this.size ? this.spawn() : undefined;
  }

  private spawn(): Slot {
    const worker = new Worker(this.file, {
      resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb },
      // Analysis needs no stdin; its stray output (none expected) goes to the server's.
      stdin: false,
    });
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.unref();
    worker.on(
      'message',
      (m: { ready?: true; id?: number; ok?: boolean; result?: unknown; message?: string }) => {
        if (m.ready) {
          slot.ready = true;
          if (slot.job) this.post(slot);
          return;
        }
        const job = this.release(slot);
        if (!job) return;
        if (m.ok) job.resolve(m.result as AnalysisOutput);
        else job.reject(new AnalysisPoolError(`analysis failed: ${m.message}`, 'failed'));
        this.pump();
      },
    );
    worker.on('error', (err) => {
      slot.error = err;
    });
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      const job = this.release(slot);
      if (job) job.reject(new AnalysisPoolError(crashMessage(slot, code, this.maxMemoryMb), 'crashed'));
      this.pump();
    });
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    if (slot.ready) this.post(slot);
    else
      slot.timer = setTimeout(
        () =>
          this.stop(
            slot,
            `the analysis worker did not start within ${Math.round(this.startupMs / 1000)} s`,
            'crashed',
          ),
        this.startupMs,
      );
  }

  private post(slot: Slot): void {
    const job = slot.job!;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(
      () =>
        this.stop(
          slot,
          `analysis took longer than ${fmtSeconds(this.deadlineMs)} and was stopped; the snapshot is too large or too unusual to analyse`,
          'deadline',
        ),
      this.deadlineMs,
    );
    try {
      slot.worker.postMessage({
        id: nextId++,
        artifacts: job.artifacts,
        options: job.options,
        keep: job.keep,
      });
    } catch (err) {
      // Only values that cannot be cloned get here (a caller passing functions or the like).
      this.release(slot);
      job.reject(new AnalysisPoolError(`analysis input cannot be sent: ${(err as Error).message}`, 'failed'));
      this.pump();
    }
  }

  /** Ends the slot's job with this error and the worker with it; its exit makes room for another. */
  private stop(slot: Slot, message: string, code: AnalysisPoolError['code']): void {
    const job = this.release(slot);
    job?.reject(new AnalysisPoolError(message, code));
    this.slots.delete(slot);
    void slot.worker.terminate();
    this.pump();
  }

  private release(slot: Slot): Job | undefined {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.worker.unref();
    return job;
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const slot = this.freeSlot();
      if (!slot) return;
      this.dispatch(slot, this.queue.shift()!);
    }
  }
}

function fmtSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
