import type { RuleId } from '../../model/rule-id.ts';
import type { TriageContext } from '../context.ts';
import type { ConclusionId, Remediation, StepResult } from '../types.ts';

/**
 * A conclusion is data plus a filler: the chain, remediation and follow-ups are written once,
 * and the numbers come from the checks' facts of this snapshot (each check runs once, lazily).
 */
export interface ConclusionDef {
  id: ConclusionId;
  title: string;
  /** Higher wins when several runs conclude differently (the node page's root cause). */
  priority: number;
  /** Findings in causal order, cause first: orders the node page's consequences. */
  rules: RuleId[];
  fill(
    ctx: TriageContext,
    steps: StepResult[],
  ): { chain: string[]; remediation: Remediation[]; followUps: string[] };
}

type Fact = string | number | boolean | undefined;

/** "12,777" for numbers, the text for strings, "?" when the snapshot lacks it. */
export function n(v: Fact): string {
  if (typeof v === 'number')
    return Number.isFinite(v) ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(v) : '?';
  if (typeof v === 'string' && v) return v;
  return '?';
}

/** Two significant digits for a headline: 2,022 -> "2,000", 126 -> "130". */
export function approx(v: number): string {
  if (v < 100) return n(Math.round(v));
  const p = 10 ** (Math.floor(Math.log10(v)) - 1);
  return n(Math.round(v / p) * p);
}

export function has(v: Fact): v is string | number {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length > 0);
}

/** Statements whose data is missing are dropped, never printed with holes. */
export function chainOf(...links: (string | false | undefined)[]): string[] {
  return links.filter((l): l is string => typeof l === 'string' && l.length > 0);
}
