'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { useUrlState } from '@/lib/use-url-state';
import { ConclusionView } from './conclusion-view';
import { EvidenceBlock } from './evidence-block';
import {
  type IncidentData,
  mainRun,
  openedPin,
  type RunData,
  type StepData,
  VERDICT_LABEL,
  VERDICTS,
  type VerdictName,
} from './incident-types';

export const CONCLUSION_STEP = 'conclusion';

interface WizardUrl {
  step: string | null;
  playbook: string | null;
}

function parse(sp: URLSearchParams): WizardUrl {
  return { step: sp.get('step'), playbook: sp.get('playbook') };
}

function serialise(v: WizardUrl): string {
  const sp = new URLSearchParams(window.location.search);
  for (const k of ['step', 'playbook'] as const) {
    const val = v[k];
    if (val) sp.set(k, val);
    else sp.delete(k);
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

function typing(el: EventTarget | null): boolean {
  const t = el as HTMLElement | null;
  return (
    !!t &&
    (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
  );
}

/**
 * The guided triage of the pinned snapshot: one step at a time, its evidence filled in, the
 * suggested verdict with its reason, accept or override with a note. The step lives in the URL
 * (?step=), so a copied link opens the same step on the same pinned evidence.
 */
export function TriageWizard({ inc, readOnly }: { inc: IncidentData; readOnly: boolean }) {
  const pin = openedPin(inc);
  const [url, setUrl] = useUrlState(parse, serialise);
  if (!pin) return <div className="panel empty">No snapshot is pinned to this incident.</div>;
  const triage = pin.triage;
  const main = mainRun(triage);
  const run = triage.runs.find((r) => r.playbook === url.playbook) ?? main;
  if (!run) return <div className="panel empty">Triage found nothing to walk on this snapshot.</div>;
  return (
    <WizardRun
      key={run.playbook}
      inc={inc}
      run={run}
      runs={triage.runs}
      mainPlaybook={main?.playbook ?? run.playbook}
      snapshotId={pin.snapshotId}
      node={pin.nodeName}
      stepId={url.step}
      go={(step, playbook) =>
        setUrl({ step, playbook: playbook === (main?.playbook ?? null) ? null : (playbook ?? url.playbook) })
      }
      readOnly={readOnly}
    />
  );
}

function WizardRun(props: {
  inc: IncidentData;
  run: RunData;
  runs: RunData[];
  mainPlaybook: string;
  snapshotId: string;
  node: string;
  stepId: string | null;
  go: (step: string | null, playbook?: string | null) => void;
  readOnly: boolean;
}) {
  const { inc, run, snapshotId, node, go, readOnly } = props;
  const ids = useMemo(() => [...run.steps.map((s) => s.id), CONCLUSION_STEP], [run.steps]);
  const current =
    props.stepId && ids.includes(props.stepId) ? props.stepId : (run.steps[0]?.id ?? CONCLUSION_STEP);
  const idx = ids.indexOf(current);
  const step = run.steps.find((s) => s.id === current) ?? null;
  const answers = new Map(inc.steps.filter((a) => a.playbook === run.playbook).map((a) => [a.stepId, a]));
  const next = useCallback(() => {
    const n = ids[Math.min(idx + 1, ids.length - 1)];
    if (n) go(n, run.playbook);
  }, [ids, idx, go, run.playbook]);
  const back = useCallback(() => {
    const p = ids[Math.max(idx - 1, 0)];
    if (p) go(p, run.playbook);
  }, [ids, idx, go, run.playbook]);
  const answered = run.steps.filter((s) => answers.has(s.id)).length;

  return (
    <section className="inc-wizard panel" aria-label="Guided triage" data-playbook={run.playbook}>
      <div className="panel-head inc-wizard-head">
        <h2>Guided triage</h2>
        {props.runs.length > 1 ? (
          <select
            className="select"
            aria-label="Playbook"
            value={run.playbook}
            onChange={(e) => go(null, e.target.value === props.mainPlaybook ? null : e.target.value)}
          >
            {props.runs.map((r) => (
              <option key={r.playbook} value={r.playbook}>
                {r.title} ({r.conclusion.id})
              </option>
            ))}
          </select>
        ) : (
          <span className="faint">{run.title}</span>
        )}
        <span className="grow" />
        <span className="faint inc-progress" data-testid="progress">
          {answered} of {run.steps.length} steps answered
        </span>
      </div>
      <div className="inc-wizard-body">
        <ol className="inc-stepper" aria-label="Steps">
          {run.steps.map((s, i) => {
            const a = answers.get(s.id);
            const v = a?.verdict ?? s.verdict;
            return (
              <li key={s.id} className={s.id === current ? 'current' : ''}>
                <button
                  type="button"
                  onClick={() => go(s.id, run.playbook)}
                  aria-current={s.id === current ? 'step' : undefined}
                >
                  <span className="inc-step-no">{a ? '✓' : i + 1}</span>
                  <span className="inc-step-title">{s.title}</span>
                  <span className={`inc-verdict v-${v}`}>{VERDICT_LABEL[v]}</span>
                </button>
              </li>
            );
          })}
          <li className={current === CONCLUSION_STEP ? 'current' : ''}>
            <button
              type="button"
              onClick={() => go(CONCLUSION_STEP, run.playbook)}
              aria-current={current === CONCLUSION_STEP ? 'step' : undefined}
            >
              <span className="inc-step-no">★</span>
              <span className="inc-step-title">Conclusion</span>
              <span className="inc-verdict v-conclusion">{run.conclusion.id}</span>
            </button>
          </li>
        </ol>
        <div className="inc-step" data-step={current}>
          {step ? (
            <StepView
              key={step.id}
              inc={inc}
              run={run}
              step={step}
              index={idx}
              total={run.steps.length}
              answer={answers.get(step.id) ?? null}
              snapshotId={snapshotId}
              node={node}
              next={next}
              back={back}
              readOnly={readOnly}
            />
          ) : (
            <>
              <ConclusionView run={run} />
              <Nav back={back} next={null} />
            </>
          )}
        </div>
      </div>
      <Shortcuts readOnly={readOnly} />
      <KeyNav next={next} back={back} />
    </section>
  );
}

function KeyNav({ next, back }: { next: () => void; back: () => void }) {
  // Marks the wizard as answering keys (hydrated): what the page benchmark waits for.
  useEffect(() => {
    document.querySelector('.inc-wizard')?.setAttribute('data-interactive', 'true');
  }, []);
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (typing(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'ArrowRight') {
        e.preventDefault();
        next();
      } else if (e.key === 'k' || e.key === 'ArrowLeft') {
        e.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [next, back]);
  return null;
}

function Nav({ back, next, nextLabel }: { back: () => void; next: (() => void) | null; nextLabel?: string }) {
  return (
    <div className="inc-nav">
      <button type="button" className="btn" onClick={back}>
        ← Back <kbd>k</kbd>
      </button>
      <span className="grow" />
      {next ? (
        <button type="button" className="btn" onClick={next}>
          {nextLabel ?? 'Next'} <kbd>j</kbd> →
        </button>
      ) : null}
    </div>
  );
}

function Shortcuts({ readOnly }: { readOnly: boolean }) {
  return (
    <section className="inc-shortcuts faint" aria-label="Keyboard shortcuts">
      <span>
        <kbd>j</kbd>/<kbd>→</kbd> next
      </span>
      <span>
        <kbd>k</kbd>/<kbd>←</kbd> back
      </span>
      {readOnly ? null : (
        <>
          <span>
            <kbd>1</kbd>–<kbd>4</kbd> verdict
          </span>
          <span>
            <kbd>Enter</kbd> accept and next
          </span>
          <span>
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> save override
          </span>
        </>
      )}
    </section>
  );
}

function StepView(props: {
  inc: IncidentData;
  run: RunData;
  step: StepData;
  index: number;
  total: number;
  answer: IncidentData['steps'][number] | null;
  snapshotId: string;
  node: string;
  next: () => void;
  back: () => void;
  readOnly: boolean;
}) {
  const { step, answer, readOnly } = props;
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [choice, setChoice] = useState<VerdictName>((answer?.verdict as VerdictName) ?? step.verdict);
  const [note, setNote] = useState(answer?.note ?? '');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const save = useMutation({
    ...trpc.incidents.answer.mutationOptions(),
    onSuccess: () =>
      qc.invalidateQueries({ queryKey: trpc.incidents.get.queryKey({ slug: props.inc.slug }) }),
  });
  const overriding = choice !== step.verdict;

  const submit = useCallback(
    (andNext: boolean) => {
      if (readOnly) return;
      if (overriding && !note.trim()) {
        noteRef.current?.focus();
        return;
      }
      save.mutate(
        {
          slug: props.inc.slug,
          playbook: props.run.playbook,
          stepId: step.id,
          verdict: choice,
          note: note.trim(),
        },
        { onSuccess: () => (andNext ? props.next() : undefined) },
      );
    },
    [readOnly, overriding, note, save, props, step.id, choice],
  );

  useEffect(() => {
    if (readOnly) return;
    const on = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit(true);
        return;
      }
      if (typing(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= 4) {
        e.preventDefault();
        const v = VERDICTS[n - 1] as VerdictName;
        setChoice(v);
        if (v !== step.verdict) setTimeout(() => noteRef.current?.focus(), 0);
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        submit(true);
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [readOnly, submit, step.verdict]);

  return (
    <>
      <div className="inc-step-head">
        <span className="faint">
          Step {props.index + 1} of {props.total}
        </span>
        <h3>{step.title}</h3>
        <p className="inc-why">{step.why}</p>
      </div>
      <div className={`inc-suggest v-${step.verdict}`} data-testid="suggested">
        <div className="inc-suggest-head">
          <span className={`inc-verdict v-${step.verdict}`}>{VERDICT_LABEL[step.verdict]}</span>
          <span className="faint">suggested from snapshot {props.snapshotId}</span>
          {answer ? (
            <span className={`chip ${answer.overridden ? 'inc-overridden' : ''}`} data-testid="answer">
              {answer.overridden ? `overridden: ${VERDICT_LABEL[answer.verdict]}` : 'accepted'} by{' '}
              {answer.answeredBy}
            </span>
          ) : null}
        </div>
        <p className="inc-reason">{step.reason}</p>
        {step.readings.length ? (
          <ul className="inc-readings">
            {step.readings.map((r) => (
              <li
                key={r.metric}
                className={
                  r.value !== undefined && (r.op === '>=' ? r.value >= r.threshold : r.value <= r.threshold)
                    ? 'met'
                    : ''
                }
              >
                {r.text}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="inc-evidence" data-testid="evidence">
        {step.blocks.length === 0 ? (
          <div className="faint inc-noev">
            No evidence lines for this step: the verdict rests on the counts above.
          </div>
        ) : (
          step.blocks.map((b, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks are a fixed list of the pinned step
            <EvidenceBlock key={i} b={b} snapshotId={props.snapshotId} node={props.node} live={!readOnly} />
          ))
        )}
      </div>
      {readOnly ? null : (
        <div className="inc-answer">
          <fieldset className="inc-verdicts" aria-label="Your verdict">
            {VERDICTS.map((v, i) => (
              <button
                key={v}
                type="button"
                aria-pressed={choice === v}
                className={`btn inc-vbtn v-${v}${choice === v ? ' on' : ''}`}
                onClick={() => {
                  setChoice(v);
                  if (v !== step.verdict) setTimeout(() => noteRef.current?.focus(), 0);
                }}
              >
                <kbd>{i + 1}</kbd> {VERDICT_LABEL[v]}
                {v === step.verdict ? <span className="faint"> (suggested)</span> : null}
              </button>
            ))}
          </fieldset>
          {overriding || note ? (
            <label className="inc-note">
              <span>
                {overriding ? 'Why do you override the suggestion? (required, goes to the timeline)' : 'Note'}
              </span>
              <textarea
                ref={noteRef}
                data-testid="step-note"
                className="input"
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder="e.g. checked by hand on the node: …"
              />
            </label>
          ) : null}
          <div className="row wrap">
            <button
              type="button"
              className="btn btn-primary"
              disabled={save.isPending || (overriding && !note.trim())}
              onClick={() => submit(true)}
              data-testid="save-step"
            >
              {overriding ? 'Save override and next' : answer ? 'Keep and next' : 'Accept and next'}{' '}
              <kbd>{overriding ? 'Ctrl+Enter' : 'Enter'}</kbd>
            </button>
            {save.isError ? (
              <span className="state-bad" role="alert">
                {save.error.message}
              </span>
            ) : null}
            {save.isPending ? <span className="faint">Saving…</span> : null}
          </div>
        </div>
      )}
      <Nav
        back={props.back}
        next={props.next}
        nextLabel={props.index + 1 === props.total ? 'Conclusion' : 'Next'}
      />
    </>
  );
}
