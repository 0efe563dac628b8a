'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/lib/trpc';
import { FindingCard } from './finding-card';

/** Until the mount graph lands: the mount-propagation-leak finding with its details, in full. */
export function MountsPlaceholder({ name }: { name: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.node.get.queryOptions({ name }));
  if (q.isError)
    return (
      <div className="panel error-box">
        Could not load {name}: {q.error.message}
      </div>
    );
  if (!q.data) return <div className="panel loading">Loading {name}…</div>;
  const leak = q.data.findings.find((f) => f.rule === 'mount-propagation-leak');
  return (
    <div className="node-page">
      <div className="crumbs">
        <Link href="/">Fleet</Link> / <Link href={`/nodes/${encodeURIComponent(name)}`}>{name}</Link> / mounts
      </div>
      <div className="page-head">
        <h1>Mount propagation · {name}</h1>
        <span className="faint">
          The interactive mount graph (host path → propagated copy → device) is coming; the leak finding is
          below.
        </span>
      </div>
      {leak ? (
        <>
          <FindingCard f={leak} defaultOpen />
          {leak.details ? (
            <section className="panel">
              <div className="panel-head">
                <h2>Details</h2>
              </div>
              <pre className="details-json">{JSON.stringify(leak.details, null, 2)}</pre>
            </section>
          ) : null}
        </>
      ) : (
        <div className="panel empty">No mount-propagation leak in the latest snapshot of {name}.</div>
      )}
    </div>
  );
}
