import { formatBytes } from './bytes.ts';
import { formatSeconds } from './duration.ts';
import { formatInt, formatNumber, isNumber, MISSING } from './number.ts';
import { formatPercent } from './percent.ts';

/** The units a metric can carry (the metric catalogue's, plus `ratio` for plain decimals). */
export type ValueUnit = 'count' | 'percent' | 'bytes' | 'seconds' | 'ms' | 'per_min' | 'ratio';

/** A value with its unit, the one way every view prints it: "8.2 GiB", "26.7%", "43.3 s", "12/min". */
export function formatValue(value: number | null | undefined, unit: ValueUnit | string): string {
  if (!isNumber(value)) return MISSING;
  switch (unit) {
    case 'percent':
      return formatPercent(value);
    case 'bytes':
      return formatBytes(value);
    case 'seconds':
      return formatSeconds(value);
    case 'ms':
      return `${formatInt(value)} ms`;
    case 'per_min':
      return `${formatNumber(value)}/min`;
    case 'ratio':
      return formatNumber(value);
    default:
      return formatInt(value);
  }
}

/**
 * An axis tick: short, and the same unit on every tick of one axis ("0", "20k", "40k";
 * "0 B", "4 GiB"). Counts above 10,000 are abbreviated with k/M.
 */
export function formatTick(value: number, unit: ValueUnit | string): string {
  if (!isNumber(value)) return '';
  if (unit === 'count' || unit === 'per_min') {
    const a = Math.abs(value);
    const suffix = unit === 'per_min' ? '/min' : '';
    if (a >= 1e6) return `${formatNumber(value / 1e6)}M${suffix}`;
    if (a >= 1e4) return `${formatNumber(value / 1e3)}k${suffix}`;
    return `${formatNumber(value)}${suffix}`;
  }
  return formatValue(value, unit);
}
