import type { RuleId } from '../../model/rule-id.ts';
import type { CheckDef, MetricBinding, TriageContext } from '../context.ts';
import type { BranchTarget, ConclusionId, PlaybookId, Verdict } from '../types.ts';

export interface StepDef {
  id: string;
  title: string;
  /** Why an engineer checks this now: what it tells apart. */
  why: string;
  check: CheckDef;
  /** Informational steps (the symptom's scale, the peers) do not decide between the non-answers. */
  decisive: boolean;
  /** Where to go for each verdict: a step id of this playbook, or `decide`. */
  branches: Record<Verdict, BranchTarget>;
}

/** What makes a playbook applicable: any of these rules fired or metrics met, or the extra test. */
export interface EntrySymptom {
  text: string;
  rules: RuleId[];
  metrics: MetricBinding[];
  also?: { text: string; test: (ctx: TriageContext) => boolean };
}

/** A conclusion is reached when every listed step has one of the listed verdicts (hotsos-style decision). */
export interface Decision {
  conclusion: ConclusionId;
  when: Record<string, Verdict[]>;
}

export interface PlaybookDef {
  id: PlaybookId;
  title: string;
  /** The symptom an engineer starts from, in their words. */
  symptom: string;
  entry: EntrySymptom;
  steps: StepDef[];
  /** Tried in order after the walk; none matching falls back to the non-answers. */
  decisions: Decision[];
}

/** Same target for every verdict, with per-verdict overrides. */
export function go(
  all: BranchTarget,
  over: Partial<Record<Verdict, BranchTarget>> = {},
): Record<Verdict, BranchTarget> {
  return { confirmed: all, 'ruled-out': all, inconclusive: all, unknown: all, ...over };
}

export interface StepInput {
  id: string;
  title: string;
  why: string;
  check: CheckDef;
  decisive?: boolean;
  branches: Record<Verdict, BranchTarget>;
}

export function step(s: StepInput): StepDef {
  return { ...s, decisive: s.decisive ?? true };
}

export const YES: Verdict[] = ['confirmed'];
export const YES_OR_MAYBE: Verdict[] = ['confirmed', 'inconclusive'];
