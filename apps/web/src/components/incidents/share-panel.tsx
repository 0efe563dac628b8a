'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Age, Time } from '@/components/time';
import { useTRPC } from '@/lib/trpc';

/** Read-only share links: signed, expiring, revocable. The link is shown once, when made. */
export function SharePanel({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const links = useQuery(trpc.incidents.shareLinks.queryOptions({ slug }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.incidents.shareLinks.queryKey({ slug }) });
  const [days, setDays] = useState(7);
  const [made, setMade] = useState<string | null>(null);
  const create = useMutation({
    ...trpc.incidents.shareCreate.mutationOptions(),
    onSuccess: (r) => {
      setMade(`${window.location.origin}/share/${r.token}`);
      void refresh();
    },
  });
  const revoke = useMutation({
    ...trpc.incidents.shareRevoke.mutationOptions(),
    onSuccess: () => void refresh(),
  });
  return (
    <section className="panel inc-share" aria-label="Share links">
      <div className="panel-head">
        <h2>Share read-only</h2>
      </div>
      <div className="row wrap">
        <select
          className="select"
          aria-label="Expires in"
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          <option value={1}>expires in 1 day</option>
          <option value={7}>expires in 7 days</option>
          <option value={30}>expires in 30 days</option>
        </select>
        <button
          type="button"
          className="btn btn-sm"
          disabled={create.isPending}
          onClick={() => create.mutate({ slug, days })}
        >
          Create share link
        </button>
      </div>
      {made ? (
        <div className="inc-made">
          <input
            className="input mono"
            readOnly
            value={made}
            aria-label="New share link"
            onFocus={(e) => e.target.select()}
            data-testid="share-url"
          />
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void navigator.clipboard?.writeText(made).catch(() => {})}
          >
            Copy
          </button>
          <div className="faint">
            Shown once: anyone with this link can read this incident until it expires or is revoked.
          </div>
        </div>
      ) : null}
      {create.isError ? <div className="state-bad">{create.error.message}</div> : null}
      <ul className="inc-links">
        {(links.data ?? []).map((l) => (
          <li key={l.id} data-state={l.state}>
            <span className={`chip inc-link-${l.state}`}>{l.state}</span>
            <span className="faint">
              by {l.createdBy} <Age value={l.createdAt} />, expires <Time value={l.expiresAt} />
              {l.lastUsedAt ? (
                <>
                  , last opened <Age value={l.lastUsedAt} />
                </>
              ) : null}
            </span>
            {l.state === 'active' ? (
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                onClick={() => revoke.mutate({ slug, id: l.id })}
                data-testid="revoke"
              >
                Revoke
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
