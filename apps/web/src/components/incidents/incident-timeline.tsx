'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Time } from '@/components/time';
import { useTRPC } from '@/lib/trpc';
import { useUrlState } from '@/lib/use-url-state';
import type { IncidentData } from './incident-types';
import { useIncidentRefresh } from './use-incident-mutation';

const KIND_LABEL: Record<string, string> = {
  opened: 'opened',
  'step-answered': 'step',
  'verdict-overridden': 'override',
  note: 'note',
  'snapshot-attached': 'snapshot',
  'status-changed': 'status',
  'severity-changed': 'severity',
  'owner-changed': 'owner',
  'node-added': 'node',
  'summary-changed': 'edit',
  'remediation-changed': 'edit',
  'verify-requested': 'verify',
  'share-created': 'share',
  'share-revoked': 'share',
};

function parse(sp: URLSearchParams) {
  return { tier: sp.get('timeline') === 'key' ? ('key' as const) : ('all' as const) };
}
function serialise(v: { tier: 'key' | 'all' }) {
  const sp = new URLSearchParams(window.location.search);
  if (v.tier === 'key') sp.set('timeline', 'key');
  else sp.delete('timeline');
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/**
 * The two-tier timeline: every act with who and when (and the node-side time of the snapshot
 * it refers to), and the key events marked for the postmortem.
 */
export function IncidentTimeline({ inc, readOnly }: { inc: IncidentData; readOnly: boolean }) {
  const trpc = useTRPC();
  const refresh = useIncidentRefresh(inc.slug);
  const [view, setView] = useUrlState(parse, serialise);
  const mark = useMutation({ ...trpc.incidents.markKey.mutationOptions(), onSuccess: refresh });
  const note = useMutation({ ...trpc.incidents.note.mutationOptions(), onSuccess: refresh });
  const [text, setText] = useState('');
  const [key, setKey] = useState(false);
  const events = [...inc.events].reverse().filter((e) => view.tier === 'all' || e.key);
  const keyCount = inc.events.filter((e) => e.key).length;
  return (
    <section className="panel inc-timeline" aria-label="Timeline">
      <div className="panel-head">
        <h2>Timeline</h2>
        <span className="grow" />
        <fieldset className="seg" aria-label="Timeline tier">
          <button type="button" aria-pressed={view.tier === 'all'} onClick={() => setView({ tier: 'all' })}>
            All acts ({inc.events.length})
          </button>
          <button type="button" aria-pressed={view.tier === 'key'} onClick={() => setView({ tier: 'key' })}>
            Key events ({keyCount})
          </button>
        </fieldset>
      </div>
      {readOnly ? null : (
        <form
          className="inc-noteform"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            note.mutate(
              { slug: inc.slug, text: text.trim(), key },
              {
                onSuccess: () => {
                  setText('');
                  setKey(false);
                },
              },
            );
          }}
        >
          <input
            className="input"
            aria-label="Add a note"
            placeholder="Add a note to the timeline…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <label className="row faint">
            <input type="checkbox" checked={key} onChange={(e) => setKey(e.target.checked)} /> key event
          </label>
          <button type="submit" className="btn btn-sm" disabled={!text.trim() || note.isPending}>
            Add
          </button>
        </form>
      )}
      <ol className="inc-events">
        {events.length === 0 ? (
          <li className="faint">No key events marked yet: star an act to mark it.</li>
        ) : null}
        {events.map((e) => (
          <li key={e.id} className={e.key ? 'key' : ''} data-kind={e.kind}>
            <button
              type="button"
              className="inc-star"
              disabled={readOnly || mark.isPending}
              aria-pressed={e.key}
              title={
                e.key
                  ? 'Key event for the postmortem (click to unmark)'
                  : 'Mark as a key event for the postmortem'
              }
              onClick={() => mark.mutate({ slug: inc.slug, eventId: e.id, key: !e.key })}
            >
              {e.key ? '★' : '☆'}
            </button>
            <div className="inc-ev-body">
              <div className="inc-ev-text">
                <span className="chip">{KIND_LABEL[e.kind] ?? e.kind}</span> {e.text}
              </div>
              <div className="faint inc-ev-when">
                {e.actorName} · <Time value={e.at} seconds />
                {e.nodeTime ? (
                  <>
                    {' '}
                    · node time <Time value={e.nodeTime} seconds />
                  </>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
