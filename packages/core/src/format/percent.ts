import { isNumber, MISSING } from './number.ts';

const pctFmt = new Intl.NumberFormat('en-US', { style: 'unit', unit: 'percent', maximumFractionDigits: 1 });
const smallFmt = new Intl.NumberFormat('en-US', {
  style: 'unit',
  unit: 'percent',
  maximumFractionDigits: 2,
});

/**
 * A value already in percent (PSI avg10 26.7, kubelet CPU 2,022 on many cores): "26.7%".
 * Not a fraction: 0.5 is "0.5%".
 */
export function formatPercent(p: number | null | undefined): string {
  if (!isNumber(p)) return MISSING;
  return Math.abs(p) < 1 && p !== 0 ? smallFmt.format(p) : pctFmt.format(p);
}

/** A fraction as a percentage: 0.42 -> "42%". */
export function formatFraction(f: number | null | undefined): string {
  return isNumber(f) ? formatPercent(f * 100) : MISSING;
}
