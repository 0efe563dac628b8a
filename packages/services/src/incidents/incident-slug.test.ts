import { describe, expect, it } from 'vitest';
import { incidentSlug, SLUG_PATTERN, slugCandidate } from './incident-slug.ts';

const at = new Date('2026-12-01T23:10:00Z');

describe('incidentSlug', () => {
  it.each([
    ['prod-east-general-03', 'kubelet-resource-high', '2026-12-01-prod-east-general-03-kubelet-cpu'],
    ['prod-east-general-06', 'disk-io-errors', '2026-12-01-prod-east-general-06-disk-errors'],
    ['Node_7.example.com', null, '2026-12-01-node-7-example-com-triage'],
    ['legacy-west-batch-03', 'some-new-rule', '2026-12-01-legacy-west-batch-03-some-new-rule'],
    ['///', '***', '2026-12-01-node-triage'],
  ])('%s + %s -> %s', (node, symptom, want) => {
    const slug = incidentSlug(at, node, symptom);
    expect(slug).toBe(want);
    expect(SLUG_PATTERN.test(slug)).toBe(true);
  });

  it('caps the length and never ends on a dash', () => {
    const slug = incidentSlug(at, 'n'.repeat(200), 'kubelet-resource-high');
    expect(slug.length).toBeLessThanOrEqual(96);
    expect(slug.endsWith('-')).toBe(false);
    expect(SLUG_PATTERN.test(slugCandidate(slug, 12))).toBe(true);
  });

  it('numbers collisions from 2', () => {
    expect([1, 2, 3].map((n) => slugCandidate('a-b', n))).toEqual(['a-b', 'a-b-2', 'a-b-3']);
  });

  it('rejects what could name anything else', () => {
    for (const bad of ['../etc', 'a/b', '', '-a', 'A-b', 'a b']) expect(SLUG_PATTERN.test(bad)).toBe(false);
  });
});
