import type { TriageReport } from './types.ts';

/**
 * The DESIGN.md JSON of `nodescope triage`: the contract fields first, with the extras a wizard
 * or a script uses (why, readings, blocks, next; remediation notes and checks) alongside.
 */
export function toTriageJson(r: TriageReport) {
  return {
    rootCause: r.rootCause
      ? { id: r.rootCause.id, title: r.rootCause.title, playbook: r.rootCause.playbook }
      : null,
    runs: r.runs.map((run) => ({
      playbook: run.playbook,
      title: run.title,
      entry: run.entry,
      steps: run.steps.map((s) => ({
        id: s.id,
        title: s.title,
        verdict: s.verdict,
        reason: s.reason,
        evidence: s.evidence.map((e) => ({ probe: e.probe, line: e.line, text: e.text })),
        why: s.why,
        rules: s.rules,
        readings: s.readings.map((m) => m.text),
        next: s.next,
        blocks: s.blocks,
      })),
      conclusion: {
        id: run.conclusion.id,
        title: run.conclusion.title,
        chain: run.conclusion.chain,
        remediation: run.conclusion.remediation.map((m) => ({
          command: m.command,
          risk: m.risk,
          note: m.note,
          verify: m.verify,
        })),
        followUps: run.conclusion.followUps,
      },
    })),
    applicable: r.applicable,
    dataGaps: r.dataGaps,
    ...(r.nodeName ? { node: r.nodeName } : {}),
    ...(r.takenAt ? { takenAt: r.takenAt } : {}),
  };
}
