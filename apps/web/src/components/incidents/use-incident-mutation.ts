'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** Refetch the incident (and its list) after a write, so the page shows what the server saved. */
export function useIncidentRefresh(slug: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.incidents.get.queryKey({ slug }) }),
      qc.invalidateQueries({ queryKey: trpc.incidents.list.queryKey() }),
    ]);
}
