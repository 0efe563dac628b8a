import { fmtMetric } from '@nodescope/core';
import Link from 'next/link';
import { formatNumber } from '@/lib/format';
import { type BlockData, lineHref, mountsHref } from './incident-types';
import { IncidentMountSubgraph } from './incident-mount-subgraph';

/** Element Timing: the browser records when the evidence text is painted (read by the page benchmark). */
const PAINT_MARK = { elementtiming: 'incident-evidence' } as object;

/**
 * One typed evidence block of a pinned snapshot, drawn from the same data and in the same
 * order as the Markdown export renders it.
 */
export function EvidenceBlock({
  b,
  snapshotId,
  node,
  live = true,
}: {
  b: BlockData;
  snapshotId: string;
  node: string;
  /** Draw what needs a signed-in read (the mount subgraph); off in the share view. */
  live?: boolean;
}) {
  switch (b.kind) {
    case 'log-excerpt':
      return (
        <figure className="inc-block inc-log" data-kind="log-excerpt">
          <figcaption>
            <strong {...PAINT_MARK}>{b.title}</strong>
            <span className="faint">
              {b.total > b.lines.length
                ? `${formatNumber(b.lines.length)} of ${formatNumber(b.total)} lines`
                : `${formatNumber(b.lines.length)} lines`}{' '}
              · {b.probe} of snapshot {snapshotId}
            </span>
          </figcaption>
          <ol>
            {b.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: derived lines (line 0) may repeat
              <li key={`${l.line}:${i}`}>
                {l.line > 0 ? (
                  <Link
                    className="inc-ln mono"
                    href={lineHref(snapshotId, b.probe, l.line)}
                    title="Open the raw output at this line"
                  >
                    L{l.line}
                  </Link>
                ) : (
                  <span className="inc-ln mono faint">·</span>
                )}
                <code>{l.text}</code>
              </li>
            ))}
          </ol>
        </figure>
      );
    case 'counts':
      return (
        <figure className="inc-block" data-kind="counts">
          <figcaption>
            <strong {...PAINT_MARK}>{b.title}</strong>
          </figcaption>
          <div className="inc-table-wrap">
            <table className="inc-table">
              <thead>
                <tr>
                  {b.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are a fixed snapshot table
                  <tr key={i}>
                    {r.map((v, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells in fixed column order
                      <td key={j} className={typeof v === 'number' ? 'num' : 'mono'}>
                        {typeof v === 'number' ? formatNumber(v) : v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </figure>
      );
    case 'mount-subgraph':
      return (
        <figure className="inc-block" data-kind="mount-subgraph">
          <figcaption>
            <strong {...PAINT_MARK}>{b.title}</strong>
            <Link href={mountsHref(node, snapshotId, b.holder)}>Open in the mount graph</Link>
          </figcaption>
          <div className="inc-mounts-sum">
            <span className="inc-big">{formatNumber(b.copies)}</span> copies of{' '}
            <span className="inc-big">{formatNumber(b.devices)}</span> devices held by <code>{b.label}</code>
          </div>
          <ul className="inc-chains">
            {b.examples.map((e) => (
              <li key={`${e.device}:${e.copyPath}`}>
                <code className="inc-dev">{e.device}</code>
                <span className="inc-arrow">→</span>
                <code>{e.hostPath ?? '?'}</code>
                <span className="inc-arrow">→</span>
                <code className="inc-copy">{e.copyPath}</code>
                {e.line > 0 ? (
                  <Link className="inc-ln mono" href={lineHref(snapshotId, 'mountinfo', e.line)}>
                    L{e.line}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
          {live ? <IncidentMountSubgraph node={node} snapshotId={snapshotId} holder={b.holder} /> : null}
        </figure>
      );
    case 'chart': {
      const v = b.value;
      const t = b.threshold;
      const max = Math.max(v ?? 0, t ?? 0) * 1.15 || 1;
      return (
        <figure className="inc-block" data-kind="chart">
          <figcaption>
            <strong {...PAINT_MARK}>{b.title}</strong>
            <Link href={`/nodes/${encodeURIComponent(node)}`}>Trend on the node page</Link>
          </figcaption>
          <div className="inc-gauge" role="img" aria-label={`${b.metric} ${v ?? 'not collected'}`}>
            {v !== undefined ? (
              <div
                className={`inc-gauge-bar${t !== undefined && v >= t ? ' over' : ''}`}
                style={{ width: `${(v / max) * 100}%` }}
              />
            ) : null}
            {t !== undefined ? (
              <div className="inc-gauge-th" style={{ left: `${(t / max) * 100}%` }} />
            ) : null}
          </div>
          <div className="inc-gauge-legend">
            <span className="mono">{v === undefined ? 'not collected' : fmtMetric(b.metric, v)}</span>
            {t !== undefined ? <span className="faint">threshold {fmtMetric(b.metric, t)}</span> : null}
          </div>
        </figure>
      );
    }
    case 'peer-comparison':
      return (
        <figure className="inc-block" data-kind="peer-comparison">
          <figcaption>
            <strong {...PAINT_MARK}>{b.title}</strong>
          </figcaption>
          <div className="inc-table-wrap">
            <table className="inc-table">
              <thead>
                <tr>
                  <th>metric</th>
                  <th className="num">this node</th>
                  <th className="num">pool median</th>
                  <th className="num">ratio</th>
                  <th className="num">peers</th>
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r) => (
                  <tr key={r.metric}>
                    <td>{r.label}</td>
                    <td className="num mono inc-hot">{fmtMetric(r.metric, r.value)}</td>
                    <td className="num mono">{fmtMetric(r.metric, r.median)}</td>
                    <td className="num mono">{r.ratio === undefined ? '–' : `${formatNumber(r.ratio)}x`}</td>
                    <td className="num">{r.peers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </figure>
      );
  }
}
