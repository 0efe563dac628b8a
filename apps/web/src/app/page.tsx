import { Suspense } from 'react';
import { FleetView } from '@/components/fleet/fleet-view';

export const metadata = { title: 'Fleet' };

export default function FleetPage() {
  return (
    <Suspense fallback={<div className="panel loading">Loading fleet…</div>}>
      <FleetView />
    </Suspense>
  );
}
