import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBytes,
  formatDuration,
  formatMetric,
  formatNumber,
  formatRatio,
  formatUtc,
} from './format';

describe('format', () => {
  it('groups thousands and keeps small decimals', () => {
    expect(formatNumber(12777)).toBe('12,777');
    expect(formatNumber(26.74)).toBe('26.7');
    expect(formatNumber(0.123)).toBe('0.12');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
  it('formats units', () => {
    expect(formatMetric(2022, 'percent')).toBe('2,022%');
    expect(formatBytes(8.6 * 1024 ** 3)).toBe('8.6 GiB');
    expect(formatMetric(42, 'seconds')).toBe('42 s');
    expect(formatMetric(90061, 'seconds')).toBe('1d 1h');
    expect(formatDuration(3725)).toBe('1h 2m');
  });
  it('formats ratios to the pool median', () => {
    expect(formatRatio(2022 / 26.7)).toBe('×75.7');
    expect(formatRatio(null)).toBe('new');
    expect(formatRatio(250)).toBe('×250');
  });
  it('formats ages and UTC', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(formatAge('2026-11-22T09:55:00Z', now)).toBe('5m ago');
    expect(formatAge(null, now)).toBe('never');
    expect(formatUtc('2026-11-22T09:55:00.123Z')).toBe('2026-11-22 09:55:00 UTC');
  });
});
