/**
 * Numbers as people read them: grouped thousands, one decimal at most (two below 1), en-US so
 * summaries, chips and tables print the same string whatever the viewer's locale.
 */
const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** What every formatter prints for a missing or non-finite value. */
export const MISSING = '—';

export function isNumber(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** 12,777 */
export function formatInt(n: number | null | undefined): string {
  return isNumber(n) ? intFmt.format(n) : MISSING;
}

/** 2,022 · 26.7 · 0.12 */
export function formatNumber(n: number | null | undefined): string {
  if (!isNumber(n)) return MISSING;
  return Math.abs(n) < 1 && n !== 0 ? twoFmt.format(n) : oneFmt.format(n);
}

/** "×75.7" against a median; "new" when the median is zero (no ratio exists). */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null) return 'new';
  if (!isNumber(ratio)) return MISSING;
  return `×${ratio >= 100 ? intFmt.format(ratio) : oneFmt.format(ratio)}`;
}

/** "12,777 lines", "1 line" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}
