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

  it('waits out a full disk, saying so, and gives up after the budget with the cause and the way out', async () => {
    const full = Object.assign(
      new Error('could not extend file "base/16384/16720": No space left on device'),
      {
        code: '53100',
      },
    );
    const log: string[] = [];
    let calls = 0;
    const err = await withDbRetry(
      async () => {
        calls++;
        throw full;
      },
      { budgetMs: 600, what: 'storing the snapshot of n1', log: (l) => log.push(l) },
    ).catch((e: Error) => e);
    expect(calls).toBeGreaterThan(1);
    expect(log[0]).toMatch(/^storing the snapshot of n1: the database's disk is full .*retry 1/);
    expect((err as Error).message).toMatch(/disk is full.*NODESCOPE_DATA_DIR/);
    expect((err as Error).cause).toBe(full);
  });
});
