/** Rule ids and severities; the rules themselves are declared in rules/catalogue.ts. */
export { isRuleId, RULE_IDS, type RuleId } from '../rules/catalogue.ts';
export * from './severity.ts';
