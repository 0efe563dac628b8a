import { describe, expect, it } from 'vitest';
import { LABEL_LIMITS, labelProblem, nodeNameProblem } from './label-limits.ts';

describe('labelProblem', () => {
  const many = Object.fromEntries(Array.from({ length: LABEL_LIMITS.count + 1 }, (_, i) => [`k${i}`, 'v']));
  it.each<[string, Record<string, string>, RegExp | undefined]>([
    [
      'ordinary labels',
      { cluster: 'prod-east', pool: 'general', 'topology.kubernetes.io/zone': 'a' },
      undefined,
    ],
    [
      'the limits exactly',
      { ['k'.repeat(LABEL_LIMITS.keyChars)]: 'v'.repeat(LABEL_LIMITS.valueChars) },
      undefined,
    ],
    ['no labels', {}, undefined],
    ['too many', many, /at most 64 labels \(got 65\)/],
    ['a 60 MB value', { pool: 'x'.repeat(60 * 1024 * 1024) }, /at most 256 characters \(pool has 62914560\)/],
    ['a long key', { ['k'.repeat(LABEL_LIMITS.keyChars + 1)]: 'v' }, /label key has at most 317/],
    ['an empty key', { '': 'v' }, /not empty/],
    ['a key with a space', { 'a b': 'v' }, /no spaces/],
    ['a key with a newline', { 'a\nb': 'v' }, /control characters/],
  ])('%s', (_name, labels, problem) => {
    const got = labelProblem(labels);
    if (problem) expect(got).toMatch(problem);
    else expect(got).toBeUndefined();
  });
});

describe('nodeNameProblem', () => {
  it.each<[string, RegExp | undefined]>([
    ['ip-10-0-1-23.ec2.internal', undefined],
    ['n'.repeat(253), undefined],
    ['n'.repeat(254), /at most 253 characters \(got 254\)/],
    ['   ', /not blank/],
  ])('%j', (name, problem) => {
    const got = nodeNameProblem(name);
    if (problem) expect(got).toMatch(problem);
    else expect(got).toBeUndefined();
  });
});
