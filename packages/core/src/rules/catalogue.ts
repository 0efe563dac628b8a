import { NODE_RULES } from './node-rules.ts';
import type { RuleSpec } from './rule-spec.ts';
import { STORAGE_RULES } from './storage-rules.ts';

/**
 * The one declaration of every rule, in the order findings of equal severity are listed.
 * RULE_IDS, the detector registry, the UI's labels and the API's enums all derive from it.
 */
export const RULE_CATALOGUE = [...STORAGE_RULES, ...NODE_RULES] as const;

export type RuleId = (typeof RULE_CATALOGUE)[number]['id'];

/** Rule ids are a contract (DESIGN.md): detectors emit findings with exactly these ids. */
export const RULE_IDS: readonly RuleId[] = RULE_CATALOGUE.map((r) => r.id);

const byId = new Map<string, RuleSpec<RuleId>>(RULE_CATALOGUE.map((r) => [r.id, r]));

export function isRuleId(value: string): value is RuleId {
  return byId.has(value);
}

export function ruleSpec(id: RuleId): RuleSpec<RuleId> {
  return byId.get(id) as RuleSpec<RuleId>;
}

/** Short label for a rule id; an unknown id (an old stored finding) is shown as itself. */
export function ruleLabel(id: string): string {
  return byId.get(id)?.label ?? id;
}
