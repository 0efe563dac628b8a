'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { Time } from '@/components/time';
import { formatBytes, formatNumber } from '@/lib/format';
import { ruleLabel } from '@/lib/rules';
import { useTRPC } from '@/lib/trpc';
import { useUrlState } from '@/lib/use-url-state';
import { ArtifactViewer, type LineMark } from './artifact-viewer';
import './snapshot.css';

const SEV_RANK: Record<string, number> = { critical: 3, warning: 2, info: 1 };

function parseProbe(sp: URLSearchParams) {
  return { probe: sp.get('probe') };
}
function serialiseProbe(p: { probe: string | null }) {
  return p.probe ? `?probe=${encodeURIComponent(p.probe)}` : '';
}

/** One snapshot: its probes (status, duration, size, truncation, errors) and the raw artifact viewer. */
export function SnapshotView({ id }: { id: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.snapshot.get.queryOptions({ id }));
  const [{ probe: probeParam }, set] = useUrlState(parseProbe, serialiseProbe);
  const s = q.data;
  const evidenceCount = useMemo(() => {
    const m = new Map<string, number>();
    for (const f of s?.findings ?? []) for (const e of f.evidence) m.set(e.probe, (m.get(e.probe) ?? 0) + 1);
    return m;
  }, [s]);
  const probe =
    probeParam ?? s?.probes.find((p) => evidenceCount.has(p.probe))?.probe ?? s?.probes[0]?.probe ?? null;
  const marks = useMemo(() => {
    const m = new Map<number, LineMark>();
    for (const f of s?.findings ?? []) {
      for (const e of f.evidence) {
        if (e.probe !== probe || e.line <= 0) continue;
        const prev = m.get(e.line);
        if (!prev || (SEV_RANK[f.severity] ?? 0) > (SEV_RANK[prev.severity] ?? 0))
          m.set(e.line, { severity: f.severity, title: `${ruleLabel(f.rule)}: ${f.title}` });
      }
    }
    return m;
  }, [s, probe]);

  if (q.isError) {
    return (
      <div className="panel error-box" role="alert">
        {q.error.data?.code === 'NOT_FOUND'
          ? `Snapshot ${id} does not exist (it may have been pruned).`
          : `Could not load snapshot ${id}: ${q.error.message}`}{' '}
        <Link href="/">Back to the fleet</Link>
      </div>
    );
  }
  if (!s) return <div className="panel loading">Loading snapshot {id}…</div>;
  return (
    <div className="snapshot-page">
      <div className="crumbs">
        <Link href="/">Fleet</Link> /{' '}
        <Link href={`/nodes/${encodeURIComponent(s.node.name)}`}>{s.node.name}</Link> / snapshot {s.id}
      </div>
      <header className="panel snap-header">
        <h1>
          Snapshot <span className="mono">{s.id}</span>
        </h1>
        <Link href={`/nodes/${encodeURIComponent(s.node.name)}`}>{s.node.name}</Link>
        <span className="faint">
          <Time value={s.takenAt} seconds /> · {s.source} · {formatNumber(s.durationMs)} ms
        </span>
        <span
          className={`badge ${s.status === 'complete' ? 'sev-ok' : s.status === 'partial' ? 'sev-warning' : 'sev-critical'}`}
        >
          {s.status}
        </span>
        <span className="grow" />
        {s.previousId ? (
          <Link
            className="btn btn-sm"
            href={`/snapshots/${s.previousId}${probe ? `?probe=${encodeURIComponent(probe)}` : ''}`}
          >
            ← Older
          </Link>
        ) : null}
        {s.nextId ? (
          <Link
            className="btn btn-sm"
            href={`/snapshots/${s.nextId}${probe ? `?probe=${encodeURIComponent(probe)}` : ''}`}
          >
            Newer →
          </Link>
        ) : null}
        <a className="btn btn-sm" href={`/snapshots/${s.id}/bundle`} download>
          Download bundle
        </a>
      </header>
      {s.error ? <div className="node-error">{s.error}</div> : null}
      <div className="snap-grid">
        <aside className="panel probes">
          <table className="plain probe-table">
            <thead>
              <tr>
                <th>Probe</th>
                <th className="num">Time</th>
                <th className="num">Size</th>
                <th className="num">Lines</th>
              </tr>
            </thead>
            <tbody>
              {s.probes.map((p) => {
                const bad = p.error || p.timedOut || (p.exitCode !== null && p.exitCode !== 0);
                return (
                  <tr
                    key={p.probe}
                    className={`probe-row${p.probe === probe ? ' selected' : ''}`}
                    onClick={() => set({ probe: p.probe })}
                    data-probe={p.probe}
                  >
                    <td>
                      <button type="button" className="probe-link" onClick={() => set({ probe: p.probe })}>
                        <span className={`dot ${bad ? 'dot-critical' : 'dot-ok'}`} /> {p.probe}
                      </button>
                      <div className="probe-flags">
                        {p.timedOut ? <span className="badge sev-critical">timed out</span> : null}
                        {p.truncated ? <span className="badge sev-warning">truncated</span> : null}
                        {p.exitCode !== null && p.exitCode !== 0 ? (
                          <span className="badge sev-warning">exit {p.exitCode}</span>
                        ) : null}
                        {p.pruned ? <span className="badge">pruned</span> : null}
                        {evidenceCount.get(p.probe) ? (
                          <span className="badge sev-info">{evidenceCount.get(p.probe)} evidence</span>
                        ) : null}
                      </div>
                      {p.error ? <div className="probe-error">{p.error}</div> : null}
                    </td>
                    <td className="num">{formatNumber(p.durationMs)} ms</td>
                    <td className="num">{formatBytes(p.byteSize)}</td>
                    <td className="num">{formatNumber(p.lineCount)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {s.findings.length ? (
            <div className="snap-findings">
              <div className="fact-label">Findings</div>
              {s.findings.map((f) => (
                <div key={f.rule} className="row">
                  <span className={`badge sev-${f.severity}`}>{ruleLabel(f.rule)}</span>
                  <span className="faint ellipsis" title={f.title}>
                    {f.title}
                  </span>
                </div>
              ))}
            </div>
          ) : null}
          {s.warnings.length ? (
            <details className="snap-warnings">
              <summary className="faint">{s.warnings.length} parse warnings</summary>
              <ul>
                {s.warnings.slice(0, 50).map((w, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no identity
                  <li key={i} className="mono">
                    {w.probe ? `${w.probe}${w.line ? `:${w.line}` : ''} ` : ''}
                    {w.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </aside>
        {probe ? (
          <ArtifactViewer key={probe} snapshotId={s.id} probe={probe} marks={marks} />
        ) : (
          <div className="panel empty">This snapshot has no artifacts.</div>
        )}
      </div>
    </div>
  );
}
