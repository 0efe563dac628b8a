import type { Remediation, StepResult } from '../types.ts';
import type { ConclusionDef } from './conclusion-def.ts';

const listed = (steps: StepResult[], verdict: StepResult['verdict']) =>
  steps.filter((s) => s.verdict === verdict).map((s) => `${s.title}: ${s.reason}`);

/** The symptom is real but no known cause matched: say what was confirmed and what to gather next. */
export const causeNotFound: ConclusionDef = {
  id: 'cause-not-found',
  title: 'Symptom confirmed, no known cause matched',
  priority: 5,
  rules: [],
  fill: (_ctx, steps) => ({
    chain: [...listed(steps, 'confirmed'), ...listed(steps, 'inconclusive')],
    remediation: [
      {
        command: 'curl -s localhost:10248/healthz; journalctl -u kubelet --since -30min | tail -n 200',
        risk: 'low',
        note: 'Look at what kubelet is doing now; a CPU profile (`/debug/pprof/profile` through the API server proxy) shows where its time goes.',
        verify: 'The log or profile names the operation that repeats.',
      },
    ],
    followUps: ['Add the pattern found by hand as a detector rule, so the next node is recognised.'],
  }),
};

/** A step that could decide was `unknown`: the data is missing, so nothing is concluded. */
export const insufficientData: ConclusionDef = {
  id: 'insufficient-data',
  title: 'Not enough data to conclude',
  priority: 4,
  rules: [],
  fill: (ctx, steps) => {
    const gaps = ctx.gaps([
      'system',
      'mountinfo',
      'processes',
      'cgroups',
      'psi',
      'containers',
      'kubelet-log',
      'runtime-log',
      'dmesg',
      'systemd',
      'kubelet-proc',
    ]);
    const remediation: Remediation[] = [
      {
        command:
          'nodescope collect <node> --sudo --bundle > node.bundle   # or: sh nodescope-collect.sh > node.bundle',
        risk: 'low',
        note: `Collect the missing probes and triage again${gaps.length > 0 ? ` (${gaps.join('; ')})` : ''}.`,
        verify: 'The new report has no `unknown` step.',
      },
    ];
    return {
      chain: [...listed(steps, 'confirmed'), ...listed(steps, 'unknown')],
      remediation,
      followUps: [],
    };
  },
};

/** Every decisive step was ruled out with its data present. */
export const noProblemFound: ConclusionDef = {
  id: 'no-problem-found',
  title: 'No problem found',
  priority: 0,
  rules: [],
  fill: (_ctx, steps) => ({
    chain:
      steps.length > 0
        ? steps.map((s) => `${s.title}: ${s.reason}`)
        : ['No entry symptom of any playbook is present.'],
    remediation: [],
    followUps: [],
  }),
};
