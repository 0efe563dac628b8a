/**
 * Timing of one function on inputs of growing size, for the complexity checks: a first run
 * (also the warm-up), then the minimum of three more (the minimum is the least disturbed by garbage collection).
 */
export interface Growth {
  smallMs: number;
  largeMs: number;
  ratio: number;
}

/**
 * CPU time of one call, in ms. Wall time on a shared machine measures the other processes as
 * much as this one (a load of 9 per core stretches a 1 ms parse to 30); CPU time does not.
 */
function timeOnce(fn: () => unknown): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

export function minTime(fn: () => unknown, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, timeOnce(fn));
  return best;
}

/**
 * Times `run(large)` once against `run(small)` repeated `factor` times (the large input being
 * `factor` times the small one), so both sides do the same work when the code is linear and
 * are equally exposed to garbage collection; `ratio` is reported as t(large) / t(small). A run
 * already over `budgetMs` ends the measurement (the check fails on it), so quadratic code costs
 * the test seconds, not the minutes repeating it would take.
 */
export function growth<T>(
  run: (input: T) => unknown,
  small: T,
  large: T,
  factor: number,
  budgetMs: number,
): Growth {
  const smallBatch = () => {
    for (let i = 0; i < factor; i++) run(small);
  };
  const firstSmall = timeOnce(smallBatch) / factor;
  if (firstSmall > budgetMs)
    return { smallMs: firstSmall, largeMs: Number.POSITIVE_INFINITY, ratio: Number.POSITIVE_INFINITY };
  const firstLarge = timeOnce(() => run(large));
  const ratioOf = (l: number, s: number) => l / Math.max(s, 0.01);
  if (firstLarge > 4 * budgetMs)
    return { smallMs: firstSmall, largeMs: firstLarge, ratio: ratioOf(firstLarge, firstSmall) };
  const largeMs = Math.min(
    firstLarge,
    minTime(() => run(large)),
  );
  const smallMs = Math.min(firstSmall, minTime(smallBatch) / factor);
  return { smallMs, largeMs, ratio: ratioOf(largeMs, smallMs) };
}

/**
 * Linear enough: the large run either finished under `floorMs` (too fast for a ratio to mean
 * anything) or took at most `maxRatio` times the small one.
 */
export function looksLinear(g: Growth, maxRatio: number, floorMs: number): boolean {
  return g.largeMs < floorMs || g.ratio < maxRatio;
}
