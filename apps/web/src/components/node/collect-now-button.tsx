'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** Asks the worker for a fresh snapshot; the page's live refresh shows it when it lands. */
export function CollectNowButton({ name }: { name: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const m = useMutation({
    ...trpc.node.collectNow.mutationOptions(),
    onSuccess: () => setTimeout(() => void qc.invalidateQueries(), 3_000),
  });
  return (
    <span className="row collect-now">
      <button
        type="button"
        className="btn btn-primary"
        disabled={m.isPending}
        onClick={() => m.mutate({ name })}
      >
        {m.isPending ? 'Requesting…' : 'Collect now'}
      </button>
      {m.data ? (
        <span className={m.data.accepted ? 'faint' : 'state-warn'} role="status">
          {m.data.message}
        </span>
      ) : null}
      {m.isError ? (
        <span className="state-bad" role="alert">
          {m.error.message}
        </span>
      ) : null}
    </span>
  );
}
