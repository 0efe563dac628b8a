'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Time } from '@/components/time';
import { useTRPC } from '@/lib/trpc';
import { FindingCard } from './finding-card';
import { NodeHeader } from './node-header';
import { PeerTable } from './peer-table';
import { RootCausePanel } from './root-cause-panel';
import { TrendPanels } from './trend-panels';
import './node.css';

/** The node page: header, findings with evidence, peers, trends, recent snapshots. */
export function NodeView({ name }: { name: string }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.node.get.queryOptions({ name }),
    refetchInterval: 10_000,
    placeholderData: (p) => p,
  });
  if (q.isError && !q.data) {
    const notFound = q.error.data?.code === 'NOT_FOUND';
    return (
      <div className="panel error-box" role="alert">
        {notFound ? `No node named ${name}.` : `Could not load ${name}: ${q.error.message}`}{' '}
        <Link href="/">Back to the fleet</Link>
      </div>
    );
  }
  const n = q.data;
  if (!n) return <div className="panel loading">Loading {name}…</div>;
  return (
    <div className="node-page">
      <div className="crumbs">
        <Link href="/">Fleet</Link> /{' '}
        <Link href={`/?cluster=${encodeURIComponent(n.cluster)}`}>{n.cluster}</Link> /{' '}
        <Link href={`/?pool=${encodeURIComponent(n.pool)}`}>{n.pool}</Link> / {n.name}
      </div>
      <NodeHeader n={n} />
      <RootCausePanel n={n} />
      <div className="node-grid">
        <section className="findings">
          <div className="section-head">
            <h2>{n.rootCause ? 'Cause and consequences' : 'Findings'}</h2>
            <span className="faint">
              {n.findings.length ? `${n.findings.length} in the latest snapshot` : null}
            </span>
          </div>
          {n.findings.length === 0 ? (
            <div className="panel empty">
              {n.lastSnapshot ? 'No findings: the latest snapshot looks healthy.' : 'No snapshot yet.'}
            </div>
          ) : (
            n.findings.map((f, i) => (
              <div key={f.id} id={`finding-${f.rule}`}>
                <FindingCard f={f} node={n.name} defaultOpen={i < 3 || f.severity === 'critical'} />
              </div>
            ))
          )}
        </section>
        <aside className="side">
          <PeerTable name={name} />
          <section className="panel">
            <div className="panel-head">
              <h2>Recent snapshots</h2>
            </div>
            <table className="plain snapshots-table">
              <tbody>
                {n.recentSnapshots.slice(0, 12).map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link href={`/snapshots/${s.id}`}>
                        <Time value={s.takenAt} />
                      </Link>
                    </td>
                    <td className="faint">{s.source}</td>
                    <td>
                      {s.status === 'complete' ? (
                        <span className="faint">complete</span>
                      ) : (
                        <span className="state-warn">{s.status}</span>
                      )}
                    </td>
                    <td className="num">
                      {s.findings ? (
                        <span className={`badge sev-${s.worst ?? 'info'}`}>{s.findings}</span>
                      ) : (
                        <span className="faint">0</span>
                      )}
                    </td>
                  </tr>
                ))}
                {n.recentSnapshots.length === 0 ? (
                  <tr>
                    <td className="faint">None yet.</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
        </aside>
      </div>
      <TrendPanels name={name} />
    </div>
  );
}
