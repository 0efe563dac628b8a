'use client';
import type { ReactNode } from 'react';
import { IncidentDetails } from './incident-details';
import { IncidentHeader } from './incident-header';
import { IncidentTimeline } from './incident-timeline';
import type { IncidentData } from './incident-types';
import { PinnedSnapshots } from './pinned-snapshots';
import { SharePanel } from './share-panel';
import { TriageWizard } from './triage-wizard';
import { VerifyPanel } from './verify-panel';

/** The incident page's content, shared by the signed-in page and the read-only share view. */
export function IncidentBody({
  inc,
  readOnly,
  aside,
}: {
  inc: IncidentData;
  readOnly: boolean;
  aside?: ReactNode;
}) {
  return (
    <>
      <IncidentHeader inc={inc} readOnly={readOnly} />
      <div className="inc-grid">
        <div className="inc-main">
          <TriageWizard inc={inc} readOnly={readOnly} />
          <IncidentDetails inc={inc} readOnly={readOnly} />
        </div>
        <aside className="inc-side">
          <VerifyPanel inc={inc} readOnly={readOnly} />
          <IncidentTimeline inc={inc} readOnly={readOnly} />
          <PinnedSnapshots inc={inc} readOnly={readOnly} />
          {aside}
          {readOnly ? null : <SharePanel slug={inc.slug} />}
        </aside>
      </div>
    </>
  );
}
