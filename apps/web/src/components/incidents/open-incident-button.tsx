'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/lib/trpc';
import './incidents.css';

/** Opens an incident on a node's latest snapshot (optionally on one finding) and goes to it. */
export function OpenIncidentButton({
  node,
  from,
  rule,
  label = 'Open incident',
  className = 'btn',
}: {
  node: string;
  from: 'node' | 'finding' | 'fleet';
  rule?: string;
  label?: string;
  className?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const m = useMutation({
    ...trpc.incidents.open.mutationOptions(),
    onSuccess: (r) => router.push(`/incidents/${r.slug}`),
  });
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={m.isPending || m.isSuccess}
        data-testid="open-incident"
        title={
          rule ? `Open an incident on this ${rule} finding` : `Open an incident on ${node}'s latest snapshot`
        }
        onClick={(e) => {
          e.stopPropagation();
          m.mutate({ node, from, ...(rule ? { rule } : {}) });
        }}
      >
        {m.isPending || m.isSuccess ? 'Opening…' : label}
      </button>
      {m.isError ? (
        <span className="state-bad" role="alert">
          {m.error.message}
        </span>
      ) : null}
    </>
  );
}
