import type { MetricReading } from './types.ts';
import { CONCLUSIONS, isRootCause } from './conclusions/index.ts';
import { TriageContext } from './context.ts';
import { PLAYBOOKS, type PlaybookDef } from './playbooks/index.ts';
import {
  type ConclusionId,
  type ConclusionResult,
  DECIDE,
  PLAYBOOK_IDS,
  type PlaybookId,
  type PlaybookRun,
  type RootCause,
  type StepResult,
  type TriageInput,
  type TriageReport,
} from './types.ts';
import type { ProbeId } from '../model/probe-id.ts';
import { PROBE_IDS } from '../model/probe-id.ts';

export interface EntryResult {
  applies: boolean;
  /** What was found, or why it does not apply. */
  reason: string;
  readings: MetricReading[];
}

/** Whether a playbook's entry symptom is present. */
export function entryOf(def: PlaybookDef, ctx: TriageContext): EntryResult {
  const fired = def.entry.rules.filter((r) => ctx.finding(r));
  const readings = def.entry.metrics.map((m) => ctx.reading(m));
  const met = def.entry.metrics.filter((m) => ctx.meets(m)).map((m) => ctx.reading(m).text);
  const also = def.entry.also?.test(ctx) ? [def.entry.also.text] : [];
  const found = [...fired.map((r) => `${r} fired`), ...met, ...also];
  if (found.length > 0) return { applies: true, reason: found.join('; '), readings };
  return { applies: false, reason: `None of: ${def.entry.text}.`, readings };
}

const MAX_STEPS = 32;

function conclude(id: ConclusionId, ctx: TriageContext, steps: StepResult[]): ConclusionResult {
  const def = CONCLUSIONS[id];
  const filled = def.fill(ctx, steps);
  return { id, title: def.title, ...filled, rules: def.rules };
}

/** Walks one playbook: from its first step along the branches, then the decision picks the conclusion. */
export function runPlaybook(
  def: PlaybookDef,
  ctx: TriageContext,
  entry = entryOf(def, ctx).reason,
): PlaybookRun {
  const byId = new Map(def.steps.map((s) => [s.id, s]));
  const steps: StepResult[] = [];
  const visited = new Set<string>();
  let cur = def.steps[0];
  // Branches only point forward in well-formed playbooks; the cap guards a bad edit anyway.
  while (cur && !visited.has(cur.id) && steps.length < MAX_STEPS) {
    visited.add(cur.id);
    const out = ctx.check(cur.check);
    const next = cur.branches[out.verdict];
    steps.push({
      id: cur.id,
      title: cur.title,
      why: cur.why,
      check: cur.check.id,
      rules: cur.check.rules,
      verdict: out.verdict,
      reason: out.reason,
      evidence: out.evidence,
      blocks: out.blocks,
      readings: out.readings,
      next,
    });
    cur = next === DECIDE ? undefined : byId.get(next);
  }
  const verdictOf = new Map(steps.map((s) => [s.id, s.verdict]));
  const decided = def.decisions.find((d) =>
    Object.entries(d.when).every(([stepId, ok]) => {
      const v = verdictOf.get(stepId);
      return v !== undefined && ok.includes(v);
    }),
  );
  let id: ConclusionId;
  if (decided) id = decided.conclusion;
  else {
    const decisive = steps.filter((s) => byId.get(s.id)?.decisive);
    if (decisive.some((s) => s.verdict === 'unknown')) id = 'insufficient-data';
    else if (steps.some((s) => s.verdict === 'confirmed' || s.verdict === 'inconclusive'))
      id = 'cause-not-found';
    else id = 'no-problem-found';
  }
  return { playbook: def.id, title: def.title, entry, steps, conclusion: conclude(id, ctx, steps) };
}

/** When no playbook applies: one step per playbook's entry symptom, each ruled out or unknown. */
function symptomSweep(ctx: TriageContext): PlaybookRun {
  const steps: StepResult[] = PLAYBOOK_IDS.map((id) => {
    const def = PLAYBOOKS[id];
    const e = entryOf(def, ctx);
    const probes = [...new Set(def.steps.flatMap((s) => s.check.probes))];
    const gaps = ctx.gaps(probes);
    // An entry metric that could not be read, with a probe of the playbook missing: not a pass.
    const unread = e.readings.some((r) => r.value === undefined);
    const verdict = gaps.length > 0 && (unread || gaps.length === probes.length) ? 'unknown' : 'ruled-out';
    return {
      id,
      title: def.symptom,
      why: `Entry symptom of the ${id} playbook.`,
      check: `entry:${id}`,
      rules: def.entry.rules,
      verdict,
      reason: verdict === 'unknown' ? `Cannot be ruled out: ${gaps.join(', ')}.` : e.reason,
      evidence: [],
      blocks: [],
      readings: e.readings,
      next: DECIDE,
    };
  });
  const id: ConclusionId = steps.some((s) => s.verdict === 'unknown')
    ? 'insufficient-data'
    : 'no-problem-found';
  return {
    playbook: 'symptom-sweep',
    title: 'Entry symptoms of every playbook',
    entry: "No playbook's entry symptom is present.",
    steps,
    conclusion: conclude(id, ctx, steps),
  };
}

/** The most probable root cause across runs: highest conclusion priority, first run on a tie. */
export function pickRootCause(runs: PlaybookRun[]): RootCause | null {
  let best: PlaybookRun | undefined;
  for (const r of runs) {
    if (!isRootCause(r.conclusion.id)) continue;
    if (!best || CONCLUSIONS[r.conclusion.id].priority > CONCLUSIONS[best.conclusion.id].priority) best = r;
  }
  if (!best) return null;
  return {
    id: best.conclusion.id,
    title: best.conclusion.title,
    playbook: best.playbook,
    chain: best.conclusion.chain,
  };
}

export interface TriageOptions {
  /** Run only this playbook, applicable or not. */
  playbook?: PlaybookId;
}

function dataGaps(input: TriageInput): TriageReport['dataGaps'] {
  const out: TriageReport['dataGaps'] = [];
  for (const probe of PROBE_IDS as readonly ProbeId[]) {
    if (probe === 'mountinfo-ns') continue; // optional: one copy per extra namespace
    const p = input.probes[probe] ?? { state: 'missing' as const };
    if (p.state === 'ok') continue;
    out.push(p.error ? { probe, state: p.state, error: p.error } : { probe, state: p.state });
  }
  return out;
}

/**
 * Runs the playbooks on one snapshot. Without `playbook`, every playbook whose entry symptom is
 * present runs; when none applies the symptom sweep says so and concludes no-problem-found.
 * Pure and synchronous: the same input gives the same report.
 */
export function runTriage(input: TriageInput, opts: TriageOptions = {}): TriageReport {
  const ctx = new TriageContext(input);
  const applicable = PLAYBOOK_IDS.filter((id) => entryOf(PLAYBOOKS[id], ctx).applies);
  let runs: PlaybookRun[];
  if (opts.playbook) {
    const def = PLAYBOOKS[opts.playbook];
    const e = entryOf(def, ctx);
    runs = [runPlaybook(def, ctx, e.applies ? e.reason : `Asked for; entry symptom absent (${e.reason})`)];
  } else if (applicable.length > 0) {
    runs = applicable.map((id) => runPlaybook(PLAYBOOKS[id], ctx));
  } else {
    runs = [symptomSweep(ctx)];
  }
  const report: TriageReport = {
    rootCause: pickRootCause(runs),
    runs,
    applicable,
    dataGaps: dataGaps(input),
  };
  if (input.nodeName) report.nodeName = input.nodeName;
  if (input.takenAt) report.takenAt = input.takenAt;
  return report;
}
