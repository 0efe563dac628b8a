import { describe, expect, it } from 'vitest';
import { parseTimeRange, resolveRange, timeRangeToSearch } from './time-range';

describe('time range', () => {
  it('defaults to 24h and reads presets', () => {
    expect(parseTimeRange(new URLSearchParams('')).range).toBe('24h');
    expect(parseTimeRange(new URLSearchParams('range=7d')).range).toBe('7d');
    expect(parseTimeRange(new URLSearchParams('range=bogus')).range).toBe('24h');
  });
  it('reads a custom window and rejects a reversed one', () => {
    const p = parseTimeRange(new URLSearchParams('from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z'));
    expect(p).toEqual({ range: 'custom', from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' });
    expect(
      parseTimeRange(new URLSearchParams('from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z')).range,
    ).toBe('24h');
  });
  it('writes the URL keeping other params', () => {
    expect(timeRangeToSearch({ range: '7d', from: null, to: null }, new URLSearchParams('tab=x'))).toBe(
      '?tab=x&range=7d',
    );
    expect(timeRangeToSearch({ range: '24h', from: null, to: null })).toBe('');
  });
  it('resolves relative ranges to whole minutes', () => {
    const now = Date.parse('2026-11-22T10:00:30Z');
    expect(resolveRange({ range: '1h', from: null, to: null }, now)).toEqual({
      from: '2026-11-22T09:01:00.000Z',
      to: '2026-11-22T10:01:00.000Z',
    });
  });
});
