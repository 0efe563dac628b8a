import { Suspense } from 'react';
import { IncidentList } from '@/components/incidents/incident-list';

export const metadata = { title: 'Incidents' };

export default function IncidentsPage() {
  return (
    <Suspense fallback={<div className="panel loading">Loading incidents…</div>}>
      <IncidentList />
    </Suspense>
  );
}
