/** Human formatting of bytes, durations, ages, percentages and counts, shared by every surface. */
export { type TimeInput, formatAge, formatUtc, toEpochMs } from './age.ts';
export { formatBytes } from './bytes.ts';
export { formatDuration, formatMs, formatSeconds } from './duration.ts';
export { formatInt, formatNumber, formatRatio, isNumber, MISSING, plural } from './number.ts';
export { formatFraction, formatPercent } from './percent.ts';
export { formatTick, formatValue, type ValueUnit } from './value.ts';
