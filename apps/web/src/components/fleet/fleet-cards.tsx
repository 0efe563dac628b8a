'use client';
import Link from 'next/link';
import { displayHealth } from '@/lib/display-health';
import { useMemo, useState } from 'react';
import { CollectionState, stateTone } from '@/components/collection-state';
import type { FleetParams } from '@/lib/fleet-params';
import { formatDuration, formatMetric, formatNumber, formatRatio } from '@/lib/format';
import { ruleLabel } from '@/lib/rules';
import { buildItems, type FleetList, type FleetRow } from './fleet-types';

/** Cards drawn at first; a phone user filters before scrolling through thousands. */
const PAGE = 100;

/**
 * The fleet on a phone: one card per node, the grid's columns stacked, so the page never
 * scrolls sideways. Same order, groups and filters as the grid.
 */
export function FleetCards({ data, params }: { data: FleetList; params: FleetParams }) {
  const [limit, setLimit] = useState(PAGE);
  const items = useMemo(() => buildItems(data.rows, params.group), [data.rows, params.group]);
  const units = useMemo(() => new Map(data.metrics.map((m) => [m.name, m])), [data.metrics]);
  if (items.length === 0) return <div className="panel empty">No node matches these filters.</div>;
  const shown = items.slice(0, limit);
  return (
    <div className="fleet-cards" data-rows={data.rows.length}>
      <ul>
        {shown.map((it) =>
          it.kind === 'group' ? (
            <li key={it.key} className="fcard-group">
              <span className="gname">{it.cluster}</span>
              {it.pool !== null ? <span className="gname"> / {it.pool}</span> : null}
              <span className="faint"> · {formatNumber(it.count)} nodes</span>
              {it.critical ? <span className="badge sev-critical">{it.critical} critical</span> : null}
            </li>
          ) : (
            <li key={it.key}>
              <FleetCard row={it.row} metrics={units} columns={data.columns} />
            </li>
          ),
        )}
      </ul>
      {items.length > limit ? (
        <button type="button" className="btn fcard-more" onClick={() => setLimit((l) => l + PAGE)}>
          Show {formatNumber(Math.min(PAGE, items.length - limit))} more of{' '}
          {formatNumber(items.length - limit)}
        </button>
      ) : null}
    </div>
  );
}

function FleetCard({
  row,
  metrics,
  columns,
}: {
  row: FleetRow;
  metrics: Map<string, FleetList['metrics'][number]>;
  columns: string[];
}) {
  const health = displayHealth(row.health, row.lastState);
  const tone = stateTone(row.lastState, row.stale);
  const uptime = row.values[columns.indexOf('uptime.s')] ?? null;
  return (
    <article className="fcard" data-node={row.name} data-health={health}>
      <div className="fcard-head">
        <span className={`dot dot-${health}`} title={`Health: ${health}`} />
        <Link href={`/nodes/${encodeURIComponent(row.name)}`} className="node-link">
          {row.name}
        </Link>
        <span className="grow" />
        <CollectionState
          state={row.lastState}
          error={row.lastError}
          stale={row.stale}
          lastSnapshotAt={row.lastSnapshotAt}
        />
      </div>
      {tone === 'bad' && row.lastError ? (
        <p className="fcard-error" title={row.lastError}>
          {row.lastError}
        </p>
      ) : null}
      {row.findings.length ? (
        <div className="fcard-findings">
          {row.findings.map((f) => (
            <span key={f.rule} className={`chip sev-${f.severity}`} title={f.title}>
              {ruleLabel(f.rule)}
            </span>
          ))}
        </div>
      ) : null}
      {row.outliers.length ? (
        <div className="fcard-findings">
          {row.outliers.map((o) => {
            const m = metrics.get(o.metric);
            return (
              <span
                key={o.metric}
                className="chip sev-critical"
                title={`peer median ${formatMetric(o.median, m?.unit ?? 'count')}`}
              >
                {m?.label ?? o.metric}{' '}
                {formatMetric(row.values[columns.indexOf(o.metric)] ?? null, m?.unit ?? 'count')} ·{' '}
                {formatRatio(o.ratio)}
              </span>
            );
          })}
        </div>
      ) : null}
      <div className="fcard-facts faint">
        <span className="mono">{row.kernelRelease ?? 'kernel —'}</span>
        <span>kubelet {row.kubeletVersion ?? '—'}</span>
        <span>up {formatDuration(uptime)}</span>
      </div>
    </article>
  );
}
