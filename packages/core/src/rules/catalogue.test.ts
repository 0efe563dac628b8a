import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOG_PATTERNS } from '../analysis/log-patterns.ts';
import { DETECTOR_BY_RULE, DETECTORS } from '../detectors/registry.ts';
import { THRESHOLDS, type ThresholdName } from '../detectors/thresholds.ts';
import { SEVERITIES } from '../model/severity.ts';
import { PROBES } from '../probes/catalogue.ts';
import { isRuleId, RULE_CATALOGUE, RULE_IDS, ruleLabel, ruleSpec } from './catalogue.ts';

/** Thresholds every finding uses through makeFinding, not any one rule. */
const SHARED_THRESHOLDS: readonly ThresholdName[] = ['evidenceCap'];

function detectorSource(id: string): string {
  return readFileSync(new URL(`../detectors/${id}.ts`, import.meta.url), 'utf8');
}

function literals(source: string, re: RegExp): Set<string> {
  return new Set([...source.matchAll(re)].map((m) => m[1] as string));
}

describe('rule catalogue', () => {
  it('keeps the DESIGN.md rule ids, in their order', () => {
    expect(RULE_IDS).toEqual([
      'mount-propagation-leak',
      'kernel-thread-flood',
      'volume-teardown-stuck',
      'container-stuck-removal',
      'disk-io-errors',
      'filesystem-shutdown',
      'hung-task',
      'pleg-unhealthy',
      'runtime-slow',
      'pressure-stall',
      'kubelet-restart-loop',
      'slab-allocation-failure',
      'cgroup-id-exhaustion',
      'kmem-accounting-risk',
      'systemd-unresponsive',
      'runc-stuck',
      'fleet-outlier',
    ]);
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it('has one detector per rule, in catalogue order, and no detector outside it', () => {
    expect(DETECTORS.map((d) => d.rule)).toEqual([...RULE_IDS]);
    for (const [id, d] of Object.entries(DETECTOR_BY_RULE)) {
      expect(isRuleId(id), id).toBe(true);
      expect(d.rule).toBe(id);
    }
  });

  it.each(RULE_CATALOGUE.map((r) => [r.id, r] as const))('%s is fully declared', (id, r) => {
    expect(r.label.length, 'label').toBeGreaterThan(0);
    expect(r.label.length, 'label fits a chip').toBeLessThanOrEqual(20);
    expect(ruleLabel(id)).toBe(r.label);
    expect(r.title.length, 'title').toBeGreaterThan(0);
    expect(r.meaning.length, 'meaning').toBeGreaterThan(40);
    expect(SEVERITIES).toContain(r.severity);
    expect(r.remediation.length, 'remediation').toBeGreaterThan(0);
    for (const h of r.remediation) {
      expect(h.action.length).toBeGreaterThan(0);
      expect(['low', 'medium', 'high']).toContain(h.risk);
    }
    // Safest first: an engineer reads the list top down.
    const rank = { low: 0, medium: 1, high: 2 } as const;
    const risks = r.remediation.map((h) => rank[h.risk]);
    expect(risks, 'remediation ordered by risk').toEqual([...risks].sort((a, b) => a - b));
    expect(ruleSpec(id)).toBe(r);
  });

  it.each(RULE_IDS)('%s declares every threshold its detector compares against', (id) => {
    const declared = ruleSpec(id).thresholds;
    for (const t of declared) expect(Object.keys(THRESHOLDS), `${id}: ${t}`).toContain(t);
    const used = literals(detectorSource(id), /\bth\('([A-Za-z0-9]+)'\)/g);
    for (const t of SHARED_THRESHOLDS) used.delete(t);
    expect([...used].filter((t) => !declared.includes(t as ThresholdName))).toEqual([]);
  });

  it('leaves no threshold without a rule', () => {
    const claimed = new Set<string>([...SHARED_THRESHOLDS, ...RULE_CATALOGUE.flatMap((r) => r.thresholds)]);
    expect(Object.keys(THRESHOLDS).filter((t) => !claimed.has(t))).toEqual([]);
  });

  it.each(RULE_IDS)('%s names only catalogued probes, and every probe its evidence cites', (id) => {
    const probes = ruleSpec(id).probes as readonly string[];
    const known = PROBES.map((p) => p.id as string);
    for (const p of probes) expect(known, `${id}: ${p}`).toContain(p);
    const cited = literals(detectorSource(id), /\bprobe: '([a-z-]+)'/g);
    expect([...cited].filter((p) => !probes.includes(p))).toEqual([]);
    // A log pattern of the rule reads its sources: those are probes of the rule too.
    const sources = new Set(LOG_PATTERNS.filter((p) => p.rule === id).flatMap((p) => p.sources));
    expect([...sources].filter((s) => !probes.includes(s))).toEqual([]);
  });

  it('log pattern ids are unique', () => {
    const ids = LOG_PATTERNS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows an unknown rule id as itself', () => {
    expect(ruleLabel('retired-rule')).toBe('retired-rule');
    expect(isRuleId('retired-rule')).toBe(false);
  });
});
