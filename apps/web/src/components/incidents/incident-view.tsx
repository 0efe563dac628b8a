'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/lib/trpc';
import { ExportPanel } from './export-panel';
import { IncidentBody } from './incident-body';
import type { IncidentData } from './incident-types';
import './incidents.css';

/** `/incidents/<slug>`: the incident, its guided triage on the pinned snapshot, timeline, export, sharing. */
export function IncidentView({ slug, initial }: { slug: string; initial?: IncidentData }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.incidents.get.queryOptions({ slug }),
    // Rendered on the server from the same procedure: no second fetch right after hydration.
    ...(initial ? { initialData: initial, staleTime: 10_000 } : {}),
    placeholderData: (p) => p,
    refetchInterval: 15_000,
  });
  if (q.isError && !q.data) {
    const notFound = q.error.data?.code === 'NOT_FOUND' || q.error.data?.code === 'BAD_REQUEST';
    return (
      <div className="panel error-box" role="alert">
        {notFound ? `No incident ${slug}.` : `Could not load ${slug}: ${q.error.message}`}{' '}
        <Link href="/incidents">All incidents</Link>
      </div>
    );
  }
  if (!q.data) return <div className="panel loading">Loading incident {slug}…</div>;
  return (
    <div className="inc-page">
      <div className="crumbs">
        <Link href="/incidents">Incidents</Link> / {slug}
      </div>
      <IncidentBody inc={q.data} readOnly={false} aside={<ExportPanel slug={slug} />} />
    </div>
  );
}
