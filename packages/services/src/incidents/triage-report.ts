/**
 * The triage result an incident pins, in DESIGN.md's triage JSON shape, with evidence as
 * typed blocks. The UI and the Markdown export render these same blocks, so what a shared
 * link shows and what a postmortem quotes cannot drift apart.
 */
export const VERDICTS = ['confirmed', 'ruled-out', 'inconclusive', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface EvidenceLineRef {
  line: number;
  text: string;
}

export type EvidenceBlock =
  | { kind: 'log'; title: string; probe: string; lines: EvidenceLineRef[]; total?: number }
  | { kind: 'counts'; title: string; columns: string[]; rows: (string | number)[][] }
  | {
      kind: 'mounts';
      title: string;
      /** Short statements, e.g. "6,385 devices -> 12,777 copies under one dead container". */
      facts: string[];
      holders: { holder: string; state: string; copies: number; devices: number }[];
    }
  | { kind: 'chart'; title: string; metric: string; unit: string; points: { t: string; v: number }[] }
  | {
      kind: 'peers';
      title: string;
      rows: {
        metric: string;
        label: string;
        unit: string;
        value: number | null;
        median: number | null;
        ratio: number | null;
      }[];
    }
  | { kind: 'text'; title: string; text: string };

export interface TriageStep {
  id: string;
  title: string;
  /** What to check and why. */
  question: string;
  verdict: Verdict;
  reason: string;
  evidence: EvidenceBlock[];
}

export interface TriageConclusion {
  id: string;
  title: string;
  chain: string[];
  remediation: { command: string; risk: string; verify?: string }[];
  followUps: string[];
}

export interface TriageRun {
  playbook: string;
  title: string;
  steps: TriageStep[];
  conclusion: TriageConclusion | null;
}

export interface TriageReport {
  rootCause: { id: string; title: string; playbook: string } | null;
  runs: TriageRun[];
}

/** The run the wizard walks: the one that reached the root cause, else the first. */
export function mainRun(report: TriageReport): TriageRun | null {
  if (report.rootCause) {
    const hit = report.runs.find((r) => r.playbook === report.rootCause?.playbook);
    if (hit) return hit;
  }
  return report.runs[0] ?? null;
}

export function isVerdict(v: unknown): v is Verdict {
  return typeof v === 'string' && (VERDICTS as readonly string[]).includes(v);
}
