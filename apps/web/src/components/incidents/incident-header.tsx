'use client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Age, Time } from '@/components/time';
import { useTRPC } from '@/lib/trpc';
import { type IncidentData, SEVERITIES, STATUSES } from './incident-types';
import { useIncidentRefresh } from './use-incident-mutation';

/** Title, status, severity, owner, affected nodes and the impact window; editable unless read-only. */
export function IncidentHeader({ inc, readOnly }: { inc: IncidentData; readOnly: boolean }) {
  const trpc = useTRPC();
  const refresh = useIncidentRefresh(inc.slug);
  const update = useMutation({ ...trpc.incidents.update.mutationOptions(), onSuccess: refresh });
  const addNode = useMutation({ ...trpc.incidents.addNode.mutationOptions(), onSuccess: refresh });
  const [owner, setOwner] = useState(inc.owner ?? '');
  const [node, setNode] = useState('');
  const [copied, setCopied] = useState(false);
  const rc = inc.pins.find((p) => p.role === 'opened')?.triage.rootCause ?? null;

  return (
    <header className="panel inc-header">
      <div className="inc-title-row">
        <span className={`badge sev-${inc.severity}`}>{inc.severity}</span>
        <span className={`inc-status st-${inc.status}`} data-testid="status">
          {inc.status}
        </span>
        <h1>{inc.title}</h1>
      </div>
      <div className="inc-meta faint">
        <code className="inc-slug">{inc.slug}</code> · opened <Age value={inc.createdAt} /> by {inc.openedBy}{' '}
        from the {inc.openedFrom} view{inc.rule ? ` (${inc.rule})` : ''}
        {!readOnly ? (
          <button
            type="button"
            className="btn btn-sm"
            data-testid="copy-permalink"
            onClick={() => {
              void navigator.clipboard?.writeText(window.location.href).catch(() => {});
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            }}
          >
            {copied ? 'Link copied' : 'Copy permalink'}
          </button>
        ) : null}
      </div>
      {rc ? (
        <div className="inc-rootcause" data-testid="root-cause" data-id={rc.id}>
          <span className="faint">Most probable root cause</span> <strong>{rc.title}</strong>{' '}
          <code className="faint">{rc.id}</code>
        </div>
      ) : null}
      <div className="inc-fields">
        <div className="inc-field">
          <span>Status</span>
          {readOnly ? (
            <strong>{inc.status}</strong>
          ) : (
            <select
              className="select"
              aria-label="Status"
              value={inc.status}
              onChange={(e) =>
                update.mutate({
                  slug: inc.slug,
                  change: { field: 'status', value: e.target.value as (typeof STATUSES)[number] },
                })
              }
            >
              {STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </div>
        <div className="inc-field">
          <span>Severity</span>
          {readOnly ? (
            <strong>{inc.severity}</strong>
          ) : (
            <select
              className="select"
              aria-label="Severity"
              value={inc.severity}
              onChange={(e) =>
                update.mutate({
                  slug: inc.slug,
                  change: { field: 'severity', value: e.target.value as (typeof SEVERITIES)[number] },
                })
              }
            >
              {SEVERITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </div>
        <div className="inc-field">
          <span>Owner</span>
          {readOnly ? (
            <strong>{inc.owner ?? 'unassigned'}</strong>
          ) : (
            <input
              className="input"
              aria-label="Owner"
              value={owner}
              placeholder="unassigned"
              onChange={(e) => setOwner(e.target.value)}
              onBlur={() =>
                owner !== (inc.owner ?? '') &&
                update.mutate({ slug: inc.slug, change: { field: 'owner', value: owner } })
              }
              onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
            />
          )}
        </div>
        <div className="inc-field">
          <span>Impact window (node time)</span>
          <strong>
            <Time value={inc.impact.from} /> → <Time value={inc.impact.to} />
          </strong>
        </div>
      </div>
      <div className="row wrap inc-nodes">
        <span className="faint">Affected nodes</span>
        {inc.nodes.map((n) => (
          <Link key={n.name} className="chip mono" href={`/nodes/${encodeURIComponent(n.name)}`}>
            {n.name}
          </Link>
        ))}
        {readOnly ? null : (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (node.trim())
                addNode.mutate({ slug: inc.slug, node: node.trim() }, { onSuccess: () => setNode('') });
            }}
          >
            <input
              className="input inc-addnode"
              aria-label="Add affected node"
              placeholder="add node…"
              value={node}
              onChange={(e) => setNode(e.target.value)}
            />
          </form>
        )}
        {addNode.isError ? <span className="state-bad">{addNode.error.message}</span> : null}
        {update.isError ? <span className="state-bad">{update.error.message}</span> : null}
      </div>
    </header>
  );
}
