import { analyzeArtifacts, type RawArtifact } from '@nodescope/core';
import { bundleFor, REFERENCE_TIME, SCENARIO_NAMES } from '@nodescope/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisPool, AnalysisPoolError } from './analyze-in-pool.ts';

/**
 * The pool against core's in-process analysis, with real worker threads: the same results on
 * every demo scenario, and each failure (full queue, deadline, out of memory) ending in a clear
 * AnalysisPoolError while the pool keeps serving the next job on a fresh worker.
 */
const pools: AnalysisPool[] = [];
const pool = (opts: ConstructorParameters<typeof AnalysisPool>[0] = {}) => {
  const p = new AnalysisPool(opts);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const small: RawArtifact[] = bundleFor('healthy').artifacts;
const mountLines = (mb: number): RawArtifact[] => [
  {
    probe: 'mountinfo',
    text: '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n'.repeat(
      Math.ceil((mb * 1048576) / 80),
    ),
    exitCode: 0,
    durationMs: 1,
    truncated: false,
    timedOut: false,
  },
];

async function failure(p: Promise<unknown>): Promise<AnalysisPoolError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AnalysisPoolError);
  return err as AnalysisPoolError;
}

describe('analysis pool', () => {
  const shared = pool({ size: 2 });

  it.each(SCENARIO_NAMES.map((s) => [s]))(
    'gives the in-process result on the %s scenario',
    async (scenario) => {
      const b = bundleFor(scenario, {
        at: REFERENCE_TIME,
        ...(scenario === 'mount-leak' ? { scale: 0.2 } : {}),
      });
      const opts = {
        takenAt: b.takenAt,
        nodeName: b.node.name,
        peers: [{ name: 'peer-1', metrics: { 'threads.kernel': 40 } }],
      };
      const pooled = await shared.analyze(b.artifacts, opts);
      const local = analyzeArtifacts(b.artifacts, opts);
      expect(pooled.findings.length).toBeGreaterThan(scenario === 'healthy' ? -1 : 0);
      expect(pooled).toStrictEqual(local);
    },
  );

  it('refuses a job at once when the queue is full, and runs the others', async () => {
    const p = pool({ size: 1, maxQueue: 1 });
    const first = p.analyze(small);
    const second = p.analyze(small);
    const err = await failure(p.analyze(small));
    expect(err.code).toBe('queue-full');
    expect(err.message).toMatch(/queue is full \(1 snapshots waiting\)/);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toStrictEqual(b);
    expect(p.stats()).toEqual({ workers: 1, running: 0, queued: 0 });
  });

  it('stops an analysis past its deadline and serves the next job on a new worker', async () => {
    const p = pool({ size: 1, deadlineMs: 1000 });
    const err = await failure(p.analyze(mountLines(32)));
    expect(err.code).toBe('deadline');
    expect(err.message).toMatch(/longer than 1 s and was stopped/);
    expect((await p.analyze(small)).metrics).toStrictEqual(analyzeArtifacts(small).metrics);
  });

  it('ends a worker that runs out of memory with a clear message; the pool goes on', async () => {
    const p = pool({ size: 1, maxMemoryMb: 256 });
    const err = await failure(p.analyze(mountLines(64)));
    expect(err.code).toBe('crashed');
    expect(err.message).toMatch(/ran out of memory \(the worker's limit is 256 MB\)/);
    expect(p.stats().workers).toBe(0);
    const next = await p.analyze(small);
    expect(next.findings).toStrictEqual(analyzeArtifacts(small).findings);
  });

  it('names a missing worker file', async () => {
    const p = pool({ workerFile: '/nonexistent/analysis-worker.mjs' });
    const err = await failure(p.analyze(small));
    expect(err.message).toMatch(/failed to start: .*nonexistent/);
  });
});
