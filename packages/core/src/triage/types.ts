import type { Evidence, Finding, Metrics } from '../model/finding.ts';
import type { ProbeId } from '../model/probe-id.ts';
import type { RuleId } from '../model/rule-id.ts';
import type { EvidenceBlock } from './evidence-blocks.ts';

/** Playbook ids are a contract (DESIGN.md): one per symptom an on-call engineer starts from. */
export const PLAYBOOK_IDS = [
  'kubelet-resource-high',
  'node-not-ready',
  'pleg-unhealthy',
  'pods-stuck',
  'cgroup-mkdir-enospc',
  'disk-filesystem-errors',
  'containers-fail-to-start',
] as const;
export type PlaybookId = (typeof PLAYBOOK_IDS)[number];

export function isPlaybookId(v: string): v is PlaybookId {
  return (PLAYBOOK_IDS as readonly string[]).includes(v);
}

/**
 * Conclusion ids are a contract: the five incidents, the healthy verdict, and two honest
 * non-answers (the symptom is real but no known cause matched; data needed to decide is missing).
 */
export const CONCLUSION_IDS = [
  'mount-leak-dead-container',
  'runtime-io-contention',
  'disk-failure-kubelet-exits',
  'memcg-id-leak-kmem',
  'systemd-dbus-hang',
  'cause-not-found',
  'insufficient-data',
  'no-problem-found',
] as const;
export type ConclusionId = (typeof CONCLUSION_IDS)[number];

export const VERDICTS = ['confirmed', 'ruled-out', 'inconclusive', 'unknown'] as const;
/** `unknown`: the data to decide was not collected or its probe failed. Never a silent pass. */
export type Verdict = (typeof VERDICTS)[number];

export type ProbeAvailability = 'ok' | 'failed' | 'timed-out' | 'missing';

/**
 * What triage reads: the analysis output (findings with details, metrics) and which probes
 * delivered. The same shape comes from a fresh analysis and from a stored snapshot.
 */
export interface TriageInput {
  findings: Finding[];
  metrics: Metrics;
  /** Per probe; a probe absent from the map was not collected (`missing`). */
  probes: Partial<Record<ProbeId, { state: ProbeAvailability; error?: string }>>;
  /** True when the analysis compared this node with pool peers (fleet-outlier could fire). */
  peersCompared?: boolean;
  nodeName?: string;
  takenAt?: string;
}

/** A metric compared against a threshold, shown next to the verdict: "2,022% ≥ 200%". */
export interface MetricReading {
  metric: string;
  label: string;
  unit: string;
  op: '>=' | '<=';
  threshold: number;
  /** Absent when the snapshot has no value for it. */
  value?: number;
  /** Pre-formatted: "kubelet CPU 2,022% ≥ 200%", or "kubelet CPU: not collected (≥ 200%)". */
  text: string;
}

/** What a check found. `facts` carry the numbers conclusions fill their chains with. */
export interface CheckOutcome {
  verdict: Verdict;
  reason: string;
  evidence: Evidence[];
  blocks: EvidenceBlock[];
  readings: MetricReading[];
  facts: Record<string, string | number | boolean | undefined>;
}

/** A branch target: the next step's id, or `decide` (walk ends, the decision picks the conclusion). */
export type BranchTarget = string;
export const DECIDE = 'decide';

export interface StepResult {
  id: string;
  title: string;
  why: string;
  check: string;
  rules: RuleId[];
  verdict: Verdict;
  reason: string;
  evidence: Evidence[];
  blocks: EvidenceBlock[];
  readings: MetricReading[];
  /** Where the walk went from here. */
  next: BranchTarget;
}

export interface Remediation {
  command: string;
  risk: 'low' | 'medium' | 'high';
  /** What the command does and when to run it. */
  note: string;
  /** How to check it worked. */
  verify: string;
}

export interface ConclusionResult {
  id: ConclusionId;
  title: string;
  /** The root-cause chain: short linked statements, cause first, numbers from the snapshot. */
  chain: string[];
  remediation: Remediation[];
  /** What to alert on so it is caught earlier next time. */
  followUps: string[];
  /** Findings in causal order (cause first): the node page's "consequences" ordering. */
  rules: RuleId[];
}

export interface PlaybookRun {
  playbook: PlaybookId | 'symptom-sweep';
  title: string;
  /** Why this playbook ran: its entry symptom as found. */
  entry: string;
  steps: StepResult[];
  conclusion: ConclusionResult;
}

export interface RootCause {
  id: ConclusionId;
  title: string;
  playbook: PlaybookId | 'symptom-sweep';
  chain: string[];
}

export interface TriageReport {
  rootCause: RootCause | null;
  runs: PlaybookRun[];
  /** Playbooks whose entry symptom is present (all that ran when none was asked for). */
  applicable: PlaybookId[];
  /** Probes missing or failed in the snapshot: every step that needed them says `unknown`. */
  dataGaps: { probe: ProbeId; state: ProbeAvailability; error?: string }[];
  nodeName?: string;
  takenAt?: string;
}
