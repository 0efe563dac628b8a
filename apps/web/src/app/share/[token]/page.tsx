import { Suspense } from 'react';
import { SharedIncidentView } from '@/components/incidents/shared-incident-view';

export const metadata = { title: 'Shared incident', robots: { index: false } };

/** The one page open without sign-in: the token is checked on every request by the server. */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <Suspense fallback={<div className="panel loading">Loading shared incident…</div>}>
      <SharedIncidentView token={token} />
    </Suspense>
  );
}
