import { describe, expect, it } from 'vitest';
import { isTransient, withDbRetry } from './db-retry.ts';

describe('withDbRetry', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:5432', true],
    ['terminating connection due to administrator command', true],
    ['Connection terminated unexpectedly', true],
    ['duplicate key value violates unique constraint', false],
    ['column "x" does not exist', false],
  ])('classifies %s as transient=%s', (message, expected) => {
    expect(isTransient(new Error(message))).toBe(expected);
  });

  it('retries transient failures until the call succeeds', async () => {
    let calls = 0;
    const value = await withDbRetry(async () => {
      calls++;
      if (calls < 3) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return 'stored';
    });
    expect(value).toBe('stored');
    expect(calls).toBe(3);
  });

  it('gives up at once on a non-transient error, and after the budget on transient ones', async () => {
    await expect(withDbRetry(async () => Promise.reject(new Error('syntax error')))).rejects.toThrow(
      'syntax error',
    );
    let calls = 0;
    await expect(
      withDbRetry(
        async () => {
          calls++;
          throw new Error('ECONNRESET');
        },
        { budgetMs: 600 },
      ),
    ).rejects.toThrow('ECONNRESET');
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(5);
  });
});
