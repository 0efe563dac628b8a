'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { STATE_LABELS } from '@/components/collection-state';
import { useTRPC } from '@/lib/trpc';

/** How long the button waits for the worker's attempt before saying so. */
const ATTEMPT_TIMEOUT_MS = 90_000;

type Outcome = { tone: 'ok' | 'bad' | 'warn' | 'pending'; text: string };

/**
 * Asks the worker for a fresh snapshot, then follows the attempt until it ends and says how it
 * ended where the button was clicked: collected, refused (host key, auth), unreachable, or no
 * attempt in time.
 */
export function CollectNowButton({ name }: { name: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [since, setSince] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const m = useMutation({
    ...trpc.node.collectNow.mutationOptions(),
    onSuccess: (r) => {
      if (!r.accepted) return setOutcome({ tone: 'warn', text: r.message });
      setSince(r.requestedAt ? Date.parse(r.requestedAt) : Date.now());
      setOutcome({ tone: 'pending', text: 'Requested; waiting for the worker…' });
    },
  });
  const watch = useQuery({
    ...trpc.node.get.queryOptions({ name }),
    enabled: since !== null,
    refetchInterval: since !== null ? 1_500 : false,
  });
  useEffect(() => {
    if (since === null) return;
    const n = watch.data;
    const attempt = n?.lastAttemptAt ? Date.parse(n.lastAttemptAt) : 0;
    if (n && attempt >= since - 1_000) {
      const state = n.lastState ?? 'error';
      const label = STATE_LABELS[state] ?? state;
      setOutcome(
        state === 'ok' || state === 'partial'
          ? { tone: state === 'ok' ? 'ok' : 'warn', text: `Collected (${label.toLowerCase()}).` }
          : { tone: 'bad', text: `Refused: ${label}${n.lastError ? ` (${n.lastError.slice(0, 140)})` : ''}` },
      );
      setSince(null);
      void qc.invalidateQueries();
    } else if (Date.now() - since > ATTEMPT_TIMEOUT_MS) {
      setOutcome({ tone: 'bad', text: 'Timed out: no attempt within 90 s (is a worker running?).' });
      setSince(null);
    }
  }, [watch.data, since, qc]);
  return (
    <span className="row collect-now">
      <button
        type="button"
        className="btn btn-primary"
        disabled={m.isPending || since !== null}
        onClick={() => m.mutate({ name })}
      >
        {m.isPending ? 'Requesting…' : since !== null ? 'Collecting…' : 'Collect now'}
      </button>
      {outcome ? (
        <span
          className={`collect-outcome state-${outcome.tone === 'pending' ? 'warn' : outcome.tone}`}
          role="status"
          data-outcome={outcome.tone}
          title={outcome.text}
        >
          {outcome.text}
        </span>
      ) : null}
      {m.isError ? (
        <span className="state-bad" role="alert">
          {m.error.message}
        </span>
      ) : null}
    </span>
  );
}
