import type { ThresholdName } from '../detectors/thresholds.ts';
import type { ProbeId } from '../model/probe-id.ts';
import type { Severity } from '../model/severity.ts';

/** How much a remediation step can disturb a running node. */
export type RemediationRisk = 'low' | 'medium' | 'high';

export interface RemediationHint {
  /** A command or an action, as an on-call engineer would type or do it. */
  action: string;
  risk: RemediationRisk;
}

/**
 * Everything known about a rule outside its detector code: the detector decides *whether* and
 * *how badly*; this says what the rule is called, what it means, what it compares against,
 * what to do about it and which probes feed it.
 */
export interface RuleSpec<I extends string = string> {
  /** Stable id (DESIGN.md contract): stored findings, URLs and scripts use it. */
  id: I;
  /** Chip text where a title does not fit (fleet table, incident list). */
  label: string;
  /** Finding title. */
  title: string;
  /** The level the rule raises at its first threshold; the detector may escalate it. */
  severity: Severity;
  /** What a finding of this rule means on the node, in one or two sentences. */
  meaning: string;
  /** Entries of the thresholds table the rule compares against. */
  thresholds: readonly ThresholdName[];
  /** What to do, safest first. */
  remediation: readonly RemediationHint[];
  /** Probes whose output the detector reads. */
  probes: readonly ProbeId[];
}

/** Keeps the id's literal type, so RuleId is the union of the catalogue's ids. */
export function rule<const I extends string>(spec: RuleSpec<I>): RuleSpec<I> {
  return spec;
}
