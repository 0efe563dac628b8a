'use client';
import { fmtMetric } from '@nodescope/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Time } from '@/components/time';
import { useTRPC } from '@/lib/trpc';
import type { IncidentData } from './incident-types';
import { useIncidentRefresh } from './use-incident-mutation';

/** "Verify the fix": a fresh snapshot now, then before/after for the metrics that mattered. */
export function VerifyPanel({ inc, readOnly }: { inc: IncidentData; readOnly: boolean }) {
  const trpc = useTRPC();
  const refresh = useIncidentRefresh(inc.slug);
  const ask = useMutation({ ...trpc.incidents.verify.mutationOptions(), onSuccess: refresh });
  const check = useMutation({ ...trpc.incidents.checkVerification.mutationOptions() });
  const pending = inc.verifyPending;
  const checkMutate = check.mutate;
  useEffect(() => {
    if (!pending || readOnly) return;
    const t = setInterval(
      () =>
        checkMutate({ slug: inc.slug }, { onSuccess: (r) => (r.snapshotId ? void refresh() : undefined) }),
      3000,
    );
    return () => clearInterval(t);
  }, [pending, readOnly, inc.slug, checkMutate, refresh]);
  if (readOnly && !inc.verify) return null;
  return (
    <section className="panel inc-verify" aria-label="Verify the fix">
      <div className="panel-head">
        <h2>Verify the fix</h2>
        <span className="grow" />
        {readOnly ? null : (
          <button
            type="button"
            className="btn btn-sm btn-primary"
            disabled={ask.isPending || pending}
            onClick={() => ask.mutate({ slug: inc.slug })}
          >
            {pending ? 'Waiting for the snapshot…' : 'Collect now and compare'}
          </button>
        )}
      </div>
      {ask.data && !ask.data.accepted ? <div className="state-warn">{ask.data.message}</div> : null}
      {inc.verify ? (
        <>
          <div className="faint">
            Snapshot #{inc.verify.snapshotId} (<Time value={inc.verify.takenAt} />) against the opened
            snapshot
          </div>
          <table className="inc-table" data-testid="before-after">
            <thead>
              <tr>
                <th>metric</th>
                <th className="num">before</th>
                <th className="num">after</th>
                <th className="num">change</th>
              </tr>
            </thead>
            <tbody>
              {inc.verify.rows.map((r) => (
                <tr key={r.metric}>
                  <td>{r.label}</td>
                  <td className="num mono">{r.before === null ? '–' : fmtMetric(r.metric, r.before)}</td>
                  <td className="num mono">{r.after === null ? '–' : fmtMetric(r.metric, r.after)}</td>
                  <td
                    className={`num mono ${r.ratio !== null && r.ratio < 0.8 ? 'state-ok' : r.ratio !== null && r.ratio > 1.2 ? 'state-bad' : ''}`}
                  >
                    {r.ratio === null ? '–' : `${r.ratio >= 1 ? '+' : ''}${Math.round((r.ratio - 1) * 100)}%`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <div className="faint">
          {pending
            ? 'The worker is collecting; this updates when the snapshot lands.'
            : 'No verification snapshot yet.'}
        </div>
      )}
    </section>
  );
}
