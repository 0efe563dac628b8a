'use client';
import { useQuery } from '@tanstack/react-query';
import { formatMetricValue, formatNumber, formatRatio } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';

/** This node against its pool: what made seed A's node stand out (kubelet CPU 2,022% vs 26.7%). */
export function PeerTable({ name }: { name: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.node.peers.queryOptions({ name }), refetchInterval: 30_000 });
  return (
    <section className="panel peers">
      <div className="panel-head">
        <h2>Compared with peers</h2>
        {q.data ? (
          <span className="faint">
            {q.data.cluster} / {q.data.pool} · {formatNumber(q.data.peers)} other nodes
          </span>
        ) : null}
      </div>
      {q.isError ? (
        <div className="error-box">Could not load peers: {q.error.message}</div>
      ) : !q.data ? (
        <div className="loading">Loading…</div>
      ) : q.data.rows.length === 0 ? (
        <div className="empty">No metrics yet.</div>
      ) : (
        <table className="plain">
          <thead>
            <tr>
              <th>Metric</th>
              <th className="num">This node</th>
              <th className="num">Peer median</th>
              <th className="num peer-p90">Peer p90</th>
              <th className="num">Ratio</th>
            </tr>
          </thead>
          <tbody>
            {q.data.rows.map((r) => {
              // The fleet-outlier rule's own verdict, not a second threshold here.
              const hot = r.outlier;
              return (
                <tr key={r.metric} className={hot ? 'peer-hot' : undefined} data-metric={r.metric}>
                  <td title={r.metric}>{r.label}</td>
                  <td className="num strong">{formatMetricValue(r.metric, r.value)}</td>
                  <td className="num muted">{formatMetricValue(r.metric, r.median)}</td>
                  <td className="num muted peer-p90">{formatMetricValue(r.metric, r.p90)}</td>
                  <td className="num">
                    {r.ratio === null ? <span className="faint">—</span> : formatRatio(r.ratio)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
