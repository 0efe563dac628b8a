'use client';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { mountsHref } from './incident-types';
import '../mounts/mounts.css';

// React Flow is loaded only when a mount subgraph scrolls into view: the step's text evidence
// is on screen first, and a step without a subgraph never pays for it.
const MountGraphCanvas = dynamic(
  () => import('../mounts/mount-graph-canvas').then((m) => m.MountGraphCanvas),
  { ssr: false, loading: () => <div className="inc-subgraph-wait faint">Drawing the mount graph…</div> },
);

/**
 * The mount graph of the pinned snapshot filtered to one holder, drawn with the mount graph
 * page's own canvas. Snapshots are immutable, so this is the same picture the permalink showed
 * when it was opened; when the raw mount tables are gone (retention), the block's stored
 * summary above it still stands.
 */
export function IncidentMountSubgraph({
  node,
  snapshotId,
  holder,
}: {
  node: string;
  snapshotId: string;
  holder: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || seen) return;
    const io = new IntersectionObserver((es) => {
      if (es.some((e) => e.isIntersecting)) setSeen(true);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  const q = useQuery({
    ...trpc.mounts.graph.queryOptions({ node, snapshot: snapshotId, filters: { holder, leaksOnly: true } }),
    enabled: seen,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return (
    <div className="inc-subgraph" ref={box} data-testid="mount-subgraph">
      {q.data ? (
        <MountGraphCanvas
          view={q.data.view}
          onNodeClick={(n) =>
            router.push(`${mountsHref(node, snapshotId, holder)}&sel=${encodeURIComponent(n.id)}`)
          }
        />
      ) : q.isError ? (
        <div className="inc-subgraph-wait faint">
          The mount graph of snapshot {snapshotId} cannot be drawn ({q.error.message}); the counts above are
          the pinned evidence.
        </div>
      ) : (
        <div className="inc-subgraph-wait faint">Drawing the mount graph…</div>
      )}
    </div>
  );
}
