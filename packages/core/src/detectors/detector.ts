import type { NodeAnalysis } from '../analysis/node-analysis.ts';
import type { Evidence, Finding, Metrics } from '../model/finding.ts';
import type { NodeState } from '../model/node-state.ts';
import type { RuleId, Severity } from '../model/rule-id.ts';
import { ruleSpec } from '../rules/catalogue.ts';
import { th } from './thresholds.ts';

export interface Peer {
  name: string;
  metrics: Metrics;
}

export interface DetectorContext {
  state: NodeState;
  analysis: NodeAnalysis;
  metrics: Metrics;
  peers?: Peer[];
  nodeName?: string;
}

/**
 * Detectors are data: the registry lists them, analyze() runs them all. Everything else about
 * a rule (title, label, thresholds, remediation, probes) is in the rule catalogue.
 */
export interface Detector<R extends RuleId = RuleId> {
  rule: R;
  run(ctx: DetectorContext): Finding[];
}

export interface FindingInput {
  rule: RuleId;
  severity: Severity;
  /** The catalogue's title unless a finding needs its own. */
  title?: string;
  summary: string;
  evidence: Evidence[];
  evidenceTotal?: number;
  metrics?: Metrics;
  details?: Record<string, unknown>;
}

export function makeFinding(f: FindingInput): Finding {
  const cap = th('evidenceCap');
  const out: Finding = {
    rule: f.rule,
    severity: f.severity,
    title: f.title ?? ruleSpec(f.rule).title,
    summary: f.summary,
    evidence: f.evidence.slice(0, cap),
    evidenceTotal: Math.max(f.evidenceTotal ?? f.evidence.length, Math.min(f.evidence.length, cap)),
    metrics: f.metrics ?? {},
  };
  if (f.details !== undefined) out.details = f.details;
  return out;
}

/** The named metrics that exist in the snapshot's metrics. */
export function pickMetrics(all: Metrics, names: string[]): Metrics {
  const out: Metrics = {};
  for (const n of names) {
    const v = all[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

/** critical / warning / undefined for a value against a pair of thresholds. */
export function levelOf(value: number | undefined, warning: number, critical: number): Severity | undefined {
  if (value === undefined) return undefined;
  if (value >= critical) return 'critical';
  if (value >= warning) return 'warning';
  return undefined;
}

export function maxSeverity(...levels: (Severity | undefined)[]): Severity | undefined {
  const rank = { info: 1, warning: 2, critical: 3 } as const;
  let best: Severity | undefined;
  for (const l of levels) if (l && (!best || rank[l] > rank[best])) best = l;
  return best;
}

/** Clock time of an ISO timestamp, for summaries: "05:48:07". */
export function clock(iso: string | undefined): string {
  return iso && iso.length >= 19 ? iso.slice(11, 19) : (iso ?? '?');
}
