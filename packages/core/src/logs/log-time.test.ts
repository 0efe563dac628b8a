import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogClock, monthNumber, parseIsoTime, toIso, utcMs } from './log-time.ts';

describe('monthNumber', () => {
  it.each([
    ['Apr', 4],
    ['apr', 4],
    ['Mär', 3],
    ['Mai', 5],
    ['Okt', 10],
    ['Dez', 12],
    ['févr.', 2],
    ['avril', 4],
    ['juil.', 7],
    ['août', 8],
    ['déc.', 12],
    ['ene', 1],
    ['ago', 8],
    ['dic', 12],
    ['gen', 1],
    ['mrt', 3],
    ['4月', 4],
    ['12月', 12],
    ['Xyz', undefined],
    ['13月', undefined],
    ['', undefined],
  ])('%s -> %s', (token, want) => {
    expect(monthNumber(token)).toBe(want);
  });
});

describe('parseIsoTime', () => {
  it.each([
    ['2026-11-22T10:00:00Z', '2026-11-22T10:00:00.000Z', true],
    ['2026-11-22T10:00:00,123456+00:00', '2026-11-22T10:00:00.123Z', true],
    ['2026-11-22T18:00:00.5+0800', '2026-11-22T10:00:00.500Z', true],
    ['2023-06-12T05:48:49.123456789Z', '2023-06-12T05:48:49.123Z', true],
    ['2026-11-22 10:00:00', '2026-11-22T10:00:00.000Z', false],
    ['2026-11-22T09:00:00-05:30', '2026-11-22T14:30:00.000Z', true],
    ['2026-11-22T10:00:00+05', '2026-11-22T05:00:00.000Z', true],
    ['2026-11-22T10:00:00.1 +0100', '2026-11-22T09:00:00.100Z', true],
  ])('%s', (text, iso, zoned) => {
    const t = parseIsoTime(text);
    expect(toIso(t?.ms)).toBe(iso);
    expect(t?.zoned).toBe(zoned);
  });
  it.each([
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-22T25:00:00Z',
    'x',
  ])('rejects %s', (text) => expect(parseIsoTime(text)).toBeUndefined());
});

describe('utcMs', () => {
  it('agrees with Date for every valid date, including years below 100', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const got = utcMs(
            d.getUTCFullYear(),
            d.getUTCMonth() + 1,
            d.getUTCDate(),
            d.getUTCHours(),
            d.getUTCMinutes(),
            d.getUTCSeconds(),
            d.getUTCMilliseconds(),
          );
          expect(got).toBe(d.getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('toIso', () => {
  it('matches Date#toISOString for any time in years 1970-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253402300799999 }), (ms) => {
        expect(toIso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });
  it('returns undefined for non-finite input', () => {
    expect(toIso(Number.NaN)).toBeUndefined();
    expect(toIso(undefined)).toBeUndefined();
    expect(toIso(9e15)).toBeUndefined();
  });
});

describe('LogClock.yearless', () => {
  const clock = new LogClock({ referenceTime: '2026-01-01T12:00:00Z' });
  it.each([
    [1, 1, '2026-01-01T10:00:00.000Z'],
    [1, 2, '2026-01-02T10:00:00.000Z'],
    [1, 3, '2025-01-03T10:00:00.000Z'],
    [12, 31, '2025-12-31T10:00:00.000Z'],
  ])('month %i day %i', (mo, d, want) => {
    expect(toIso(clock.yearless(mo, d, 10, 0, 0))).toBe(want);
  });
  it('places Feb 29 in the last leap year', () => {
    expect(toIso(new LogClock({ referenceTime: '2025-03-01T00:00:00Z' }).yearless(2, 29, 0, 0, 0))).toBe(
      '2024-02-29T00:00:00.000Z',
    );
  });
  it('flags a missing reference time instead of guessing', () => {
    const c = new LogClock(undefined);
    expect(c.yearless(4, 14, 2, 46, 12)).toBeUndefined();
    expect(c.missingYear).toBe(true);
  });
});
