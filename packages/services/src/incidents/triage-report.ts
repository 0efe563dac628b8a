import type { PlaybookRun, TriageReport } from '@nodescope/core';

/**
 * An incident pins the triage engine's report of its snapshot as it was at pin time (JSON).
 * The UI and the Markdown export both render its typed evidence blocks.
 */
export type {
  EvidenceBlock,
  PlaybookRun,
  StepResult,
  TriageReport,
  Verdict,
} from '@nodescope/core';
export { VERDICTS } from '@nodescope/core';

/** The run the wizard walks: the one that reached the root cause, else the first. */
export function mainRun(report: TriageReport): PlaybookRun | null {
  if (report.rootCause) {
    const hit = report.runs.find((r) => r.playbook === report.rootCause?.playbook);
    if (hit) return hit;
  }
  return report.runs[0] ?? null;
}
