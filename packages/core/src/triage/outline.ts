import { CONCLUSIONS } from './conclusions/index.ts';
import { PLAYBOOKS } from './playbooks/index.ts';
import { type ConclusionId, PLAYBOOK_IDS, type PlaybookId, type Verdict } from './types.ts';

/** A playbook as plain JSON, for a wizard to render its steps and branches before or without a run. */
export interface PlaybookOutline {
  id: PlaybookId;
  title: string;
  symptom: string;
  entry: { text: string; rules: string[]; metrics: { metric: string; op: string; threshold: number }[] };
  steps: {
    id: string;
    title: string;
    why: string;
    check: string;
    rules: string[];
    metrics: { metric: string; op: string; threshold: number }[];
    probes: string[];
    decisive: boolean;
    branches: Record<Verdict, string>;
  }[];
  decisions: { conclusion: ConclusionId; title: string; when: Record<string, Verdict[]> }[];
}

export function playbookOutline(id: PlaybookId): PlaybookOutline {
  const p = PLAYBOOKS[id];
  return {
    id: p.id,
    title: p.title,
    symptom: p.symptom,
    entry: { text: p.entry.text, rules: [...p.entry.rules], metrics: p.entry.metrics.map((m) => ({ ...m })) },
    steps: p.steps.map((s) => ({
      id: s.id,
      title: s.title,
      why: s.why,
      check: s.check.id,
      rules: [...s.check.rules],
      metrics: s.check.metrics.map((m) => ({ ...m })),
      probes: [...s.check.probes],
      decisive: s.decisive,
      branches: { ...s.branches },
    })),
    decisions: p.decisions.map((d) => ({
      conclusion: d.conclusion,
      title: CONCLUSIONS[d.conclusion].title,
      when: d.when,
    })),
  };
}

export const PLAYBOOK_OUTLINES: readonly PlaybookOutline[] = PLAYBOOK_IDS.map(playbookOutline);
