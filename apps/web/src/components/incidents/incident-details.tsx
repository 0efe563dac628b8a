'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import type { IncidentData } from './incident-types';
import { useIncidentRefresh } from './use-incident-mutation';

/** Summary and remediation done: the two texts the postmortem export leads and closes with. */
export function IncidentDetails({ inc, readOnly }: { inc: IncidentData; readOnly: boolean }) {
  const trpc = useTRPC();
  const refresh = useIncidentRefresh(inc.slug);
  const update = useMutation({ ...trpc.incidents.update.mutationOptions(), onSuccess: refresh });
  const [summary, setSummary] = useState(inc.summary);
  const [remediation, setRemediation] = useState(inc.remediation);
  if (readOnly) {
    if (!inc.summary && !inc.remediation) return null;
    return (
      <section className="panel inc-details">
        {inc.summary ? (
          <>
            <h2>Summary</h2>
            <p className="inc-pre">{inc.summary}</p>
          </>
        ) : null}
        {inc.remediation ? (
          <>
            <h2>Remediation done</h2>
            <p className="inc-pre">{inc.remediation}</p>
          </>
        ) : null}
      </section>
    );
  }
  return (
    <section className="panel inc-details">
      <label className="inc-note">
        <span>Summary (leads the postmortem export)</span>
        <textarea
          className="input"
          rows={3}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          onBlur={() =>
            summary !== inc.summary &&
            update.mutate({ slug: inc.slug, change: { field: 'summary', value: summary } })
          }
          placeholder="What happened, who was affected, how it was found."
        />
      </label>
      <label className="inc-note">
        <span>Remediation done</span>
        <textarea
          className="input"
          rows={3}
          value={remediation}
          onChange={(e) => setRemediation(e.target.value)}
          onBlur={() =>
            remediation !== inc.remediation &&
            update.mutate({ slug: inc.slug, change: { field: 'remediation', value: remediation } })
          }
          placeholder="Commands run, when, and what they changed."
        />
      </label>
      {update.isPending ? <span className="faint">Saving…</span> : null}
      {update.isError ? <span className="state-bad">{update.error.message}</span> : null}
    </section>
  );
}
