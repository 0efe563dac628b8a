import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBytes,
  formatDuration,
  formatFraction,
  formatInt,
  formatMs,
  formatNumber,
  formatPercent,
  formatRatio,
  formatSeconds,
  formatTick,
  formatUtc,
  formatValue,
  plural,
} from './index.ts';

type Case<I> = [input: I, expected: string];

function table<I>(name: string, fn: (i: I) => string, cases: Case<I>[]) {
  describe(name, () => {
    it.each(cases)('%j -> %s', (input, expected) => expect(fn(input)).toBe(expected));
  });
}

table('formatInt', formatInt, [
  [12777, '12,777'],
  [0, '0'],
  [-4096, '-4,096'],
  [2.6, '3'],
  [null, '—'],
  [Number.NaN, '—'],
  [Number.POSITIVE_INFINITY, '—'],
]);

table('formatNumber', formatNumber, [
  [2022, '2,022'],
  [26.74, '26.7'],
  [0.123, '0.12'],
  [0, '0'],
  [-3.25, '-3.3'],
  [undefined, '—'],
]);

table('formatBytes', formatBytes, [
  [0, '0 B'],
  [512, '512 B'],
  [1536, '1.5 KiB'],
  [8_807_538_688, '8.2 GiB'],
  [1024 ** 3 - 1, '1 GiB'],
  [5 * 1024 ** 4, '5 TiB'],
  [2 * 1024 ** 6, '2,048 PiB'],
  [null, '—'],
]);

table('formatSeconds', formatSeconds, [
  [43.3, '43.3 s'],
  [0.25, '250 ms'],
  [0, '0 s'],
  [192.5, '3.2 min'],
  [3 * 3600, '3 h'],
  [9_025_312, '104.5 d'],
  [Number.NaN, '—'],
]);

table('formatDuration', formatDuration, [
  [42, '42s'],
  [3725, '1h 2m'],
  [90061, '1d 1h'],
  [3 * 86400, '3d'],
  [3 * 86400 + 59, '3d'],
  [16_344_000, '189d 4h'],
  [0, '0s'],
  [-5, '0s'],
  [null, '—'],
]);

table('formatMs', formatMs, [
  [850, '850 ms'],
  [1200, '1.2 s'],
  [185_000, '3m 5s'],
]);

table('formatPercent', formatPercent, [
  [26.74, '26.7%'],
  [2022, '2,022%'],
  [0.5, '0.5%'],
  [0, '0%'],
  [null, '—'],
]);

table('formatFraction', formatFraction, [
  [0.42, '42%'],
  [1, '100%'],
]);

table('formatRatio', formatRatio, [
  [2022 / 26.7, '×75.7'],
  [250, '×250'],
  [null, 'new'],
  [Number.NaN, '—'],
]);

table('formatValue', ([v, u]: [number | null, string]) => formatValue(v, u), [
  [[8_807_538_688, 'bytes'], '8.2 GiB'],
  [[9_025_312, 'seconds'], '104.5 d'],
  [[26.7, 'percent'], '26.7%'],
  [[12_777, 'count'], '12,777'],
  [[1500, 'ms'], '1,500 ms'],
  [[12.25, 'per_min'], '12.3/min'],
  [[3.14159, 'ratio'], '3.1'],
  [[null, 'bytes'], '—'],
]);

table('formatTick', ([v, u]: [number, string]) => formatTick(v, u), [
  [[40_000, 'count'], '40k'],
  [[68_812, 'count'], '68.8k'],
  [[2_500_000, 'count'], '2.5M'],
  [[950, 'count'], '950'],
  [[20_000, 'per_min'], '20k/min'],
  [[4 * 1024 ** 3, 'bytes'], '4 GiB'],
]);

describe('formatAge', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  it.each([
    ['2026-11-22T10:00:00Z', 'just now'],
    ['2026-11-22T10:00:03Z', 'just now'],
    ['2026-11-22T09:59:18Z', '42s ago'],
    ['2026-11-22T09:55:00Z', '5m ago'],
    ['2026-11-22T07:00:00Z', '3h ago'],
    ['2026-11-20T09:00:00Z', '2d ago'],
    ['not a time', '—'],
  ])('%s -> %s', (t, expected) => expect(formatAge(t, now)).toBe(expected));
  it('says never for no time, and takes numbers and dates', () => {
    expect(formatAge(null, now)).toBe('never');
    expect(formatAge(now - 120_000, now)).toBe('2m ago');
    expect(formatAge(new Date(now - 7_200_000), now)).toBe('2h ago');
  });
});

describe('formatUtc and plural', () => {
  it('prints UTC to the second', () => {
    expect(formatUtc('2026-11-22T09:55:00.123Z')).toBe('2026-11-22 09:55:00 UTC');
    expect(formatUtc('nope')).toBe('');
  });
  it('pluralises with a grouped count', () => {
    expect(plural(1, 'line')).toBe('1 line');
    expect(plural(12777, 'line')).toBe('12,777 lines');
  });
});
