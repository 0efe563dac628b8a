'use client';
import { useQuery } from '@tanstack/react-query';
import { Time } from '@/components/time';
import { useTRPC } from '@/lib/trpc';
import { IncidentBody } from './incident-body';
import type { SharedData } from './incident-types';
import './incidents.css';

/** `/share/<token>`: one incident, read-only, for someone without an account. */
export function SharedIncidentView({ token, initial }: { token: string; initial: SharedData | null }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.incidents.shared.queryOptions({ token }),
    ...(initial ? { initialData: initial, staleTime: 30_000 } : {}),
    // The server found no incident for this token: nothing to ask again.
    enabled: initial !== null,
    retry: false,
  });
  if (!initial || q.isError) {
    return (
      <div className="panel error-box" role="alert" data-testid="share-invalid">
        This share link is invalid, expired or revoked. Ask the incident's owner for a new one.
      </div>
    );
  }
  if (!q.data) return <div className="panel loading">Loading shared incident…</div>;
  return (
    <div className="inc-page" data-readonly="true">
      <div className="inc-shared-banner" role="note">
        Read-only shared view · expires <Time value={q.data.expiresAt} />
      </div>
      <IncidentBody inc={q.data.incident} readOnly />
    </div>
  );
}
