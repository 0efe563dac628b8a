import type { ProbeId } from './probe-id.ts';
import type { RuleId, Severity } from './rule-id.ts';
import type { ParseWarning } from './warning.ts';

export interface Evidence {
  probe: ProbeId;
  /** 1-based line in the probe's artifact; 0 when the evidence is derived, not a line. */
  line: number;
  text: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  title: string;
  /** One or two sentences with the numbers that matter. */
  summary: string;
  /** Capped list; evidenceTotal says how many lines matched in all. */
  evidence: Evidence[];
  evidenceTotal: number;
  /** The numbers the detector used, by metric name. */
  metrics: Record<string, number>;
  /** Rule-specific structured detail (leak chains, umount plan, relist gaps…), JSON-safe. */
  details?: Record<string, unknown>;
}

export type Metrics = Record<string, number>;

export interface AnalysisResult {
  findings: Finding[];
  metrics: Metrics;
  warnings: ParseWarning[];
}
