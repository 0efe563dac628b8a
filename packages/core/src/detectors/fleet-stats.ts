import { percentileSorted } from './peer-comparison.ts';

/** Median of a non-empty list (percentile_cont 0.5); NaN for an empty one (callers check the peer count first). */
export function median(values: number[]): number {
  return percentileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
