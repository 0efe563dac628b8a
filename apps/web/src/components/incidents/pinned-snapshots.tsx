'use client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { Age, Time } from '@/components/time';
import { useTRPC } from '@/lib/trpc';
import type { IncidentData } from './incident-types';
import { useIncidentRefresh } from './use-incident-mutation';

/** The snapshots this incident rests on, by id and content hash; a newer one is attached only on request. */
export function PinnedSnapshots({ inc, readOnly }: { inc: IncidentData; readOnly: boolean }) {
  const trpc = useTRPC();
  const refresh = useIncidentRefresh(inc.slug);
  const attach = useMutation({ ...trpc.incidents.attach.mutationOptions(), onSuccess: refresh });
  return (
    <section className="panel inc-pins" aria-label="Pinned snapshots">
      <div className="panel-head">
        <h2>Pinned snapshots</h2>
      </div>
      <ul>
        {inc.pins.map((p) => (
          <li key={p.snapshotId} data-role={p.role}>
            <div className="row wrap">
              <Link className="mono" href={`/snapshots/${p.snapshotId}`}>
                #{p.snapshotId}
              </Link>
              <span className="chip">{p.role}</span>
              <span className="faint">{p.nodeName}</span>
              <span className="grow" />
              <span className="faint">
                <Time value={p.takenAt} seconds />
              </span>
            </div>
            <div className="faint inc-hash" title={`sha256 ${p.contentHash}`}>
              sha256 {p.contentHash.slice(0, 16)}… · {p.findings.length} findings · pinned by {p.pinnedBy}
            </div>
          </li>
        ))}
      </ul>
      {inc.newerSnapshot && !readOnly ? (
        <div className="inc-newer">
          <span>
            A newer snapshot (#{inc.newerSnapshot.id}, <Age value={inc.newerSnapshot.takenAt} />) exists. The
            triage above stays on the pinned one.
          </span>
          <button
            type="button"
            className="btn btn-sm"
            disabled={attach.isPending}
            onClick={() =>
              inc.newerSnapshot && attach.mutate({ slug: inc.slug, snapshotId: inc.newerSnapshot.id })
            }
          >
            Attach #{inc.newerSnapshot.id}
          </button>
          {attach.isError ? <span className="state-bad">{attach.error.message}</span> : null}
        </div>
      ) : null}
    </section>
  );
}
