export { CONCLUSIONS, isRootCause, type ConclusionDef } from './conclusions/index.ts';
export { type CheckDef, type CheckDraft, type MetricBinding, TriageContext } from './context.ts';
export {
  entryOf,
  type EntryResult,
  pickRootCause,
  runPlaybook,
  runTriage,
  type TriageOptions,
} from './engine.ts';
export * from './evidence-blocks.ts';
export { triageInputFromAnalysis, triageInputFromStored } from './input.ts';
export { type MarkdownOptions, renderBlockMarkdown, renderTriageMarkdown } from './markdown.ts';
export { type FindingRole, type OrderedFinding, orderFindings } from './order-findings.ts';
export { PLAYBOOK_OUTLINES, type PlaybookOutline, playbookOutline } from './outline.ts';
export {
  type Decision,
  type EntrySymptom,
  PLAYBOOKS,
  type PlaybookDef,
  type StepDef,
} from './playbooks/index.ts';
export { toTriageJson } from './report-json.ts';
export { TRIAGE_THRESHOLDS } from './triage-thresholds.ts';
export * from './types.ts';
