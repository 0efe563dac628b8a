import Link from 'next/link';
import { displayHealth } from '@/lib/display-health';
import { memo } from 'react';
import { CollectionState, stateTone } from '@/components/collection-state';
import { Sparkline } from '@/components/sparkline';
import { formatDuration, formatMetric, formatRatio } from '@/lib/format';
import { ruleLabel } from '@/lib/rules';
import type { FleetMetricSpec, FleetRow } from './fleet-types';
import { OpenIncidentButton } from '@/components/incidents/open-incident-button';

interface Props {
  row: FleetRow;
  /** Column index of each metric name in `row.values`. */
  col: Map<string, number>;
  metrics: FleetMetricSpec[];
  spark: Record<string, (number | null)[]> | undefined;
  active: boolean;
  onSelect: (name: string) => void;
}

/** The architecture suffix says nothing in a fleet of one architecture; the title keeps it. */
function shortKernel(k: string | null): string {
  return k ? k.replace(/\.(x86_64|aarch64|amd64|arm64)$/, '') : '—';
}

/** One node: health, name, findings, collection, versions, uptime, key metrics with sparklines. */
export const FleetRowView = memo(function FleetRowView({
  row,
  col,
  metrics,
  spark,
  active,
  onSelect,
}: Props) {
  const value = (name: string) => row.values[col.get(name) ?? -1] ?? null;
  const health = displayHealth(row.health, row.lastState);
  const tone = stateTone(row.lastState, row.stale);
  const outliers = new Map(row.outliers.map((o) => [o.metric, o]));
  const extra = row.findings.length - 3;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: clicking a row moves the keyboard cursor; the name link is the accessible action
    <div
      className={`frow${active ? ' active' : ''}`}
      data-node={row.name}
      data-health={health}
      onMouseDown={() => onSelect(row.name)}
    >
      <div className="fcell c-health" title={`Health: ${health}`}>
        <span className={`dot dot-${health}`} />
      </div>
      <div className="fcell c-name">
        <Link href={`/nodes/${encodeURIComponent(row.name)}`} className="node-link" tabIndex={-1}>
          {row.name}
        </Link>
        {!row.enabled ? <span className="badge">disabled</span> : null}
        {health === 'critical' || health === 'warning' ? (
          <OpenIncidentButton
            node={row.name}
            from="fleet"
            label="Incident"
            className="btn btn-sm fleet-open-incident"
          />
        ) : null}
      </div>
      <div className="fcell c-findings">
        {tone === 'bad' && row.lastError ? (
          <span className="row-error" title={row.lastError}>
            {row.lastError}
          </span>
        ) : null}
        {row.findings.slice(0, tone === 'bad' ? 1 : 3).map((f) => (
          <span key={f.rule} className={`chip sev-${f.severity}`} title={f.title}>
            {ruleLabel(f.rule)}
          </span>
        ))}
        {extra > 0 && tone !== 'bad' ? <span className="faint">+{extra}</span> : null}
        {!row.findings.length && tone !== 'bad' && row.health === 'ok' ? (
          <span className="faint">no findings</span>
        ) : null}
      </div>
      <div className="fcell c-state">
        <CollectionState
          state={row.lastState}
          error={row.lastError}
          stale={row.stale}
          lastSnapshotAt={row.lastSnapshotAt}
        />
      </div>
      <div
        className="fcell c-version mono"
        title={`kernel ${row.kernelRelease ?? '?'} · kubelet ${row.kubeletVersion ?? '?'}`}
      >
        <span className="kernel">{shortKernel(row.kernelRelease)}</span>
        <span className="faint">kubelet {row.kubeletVersion ?? '—'}</span>
      </div>
      <div className="fcell c-uptime num">{formatDuration(value('uptime.s'))}</div>
      {metrics.map((m) => {
        const o = outliers.get(m.name);
        const v = value(m.name);
        const title = o
          ? `${m.label}: ${formatMetric(v, m.unit)}, peer median ${formatMetric(o.median, m.unit)} (${formatRatio(o.ratio)})`
          : `${m.label}: ${formatMetric(v, m.unit)}`;
        return (
          <div
            key={m.name}
            className={`fcell c-metric${o ? ' outlier' : ''}`}
            title={title}
            data-metric={m.name}
          >
            <Sparkline values={spark?.[m.name]} className="spark" width={32} />
            <span className="mcol">
              <span className="mval">{formatMetric(v, m.unit)}</span>
              {o ? <span className="ratio">{formatRatio(o.ratio)}</span> : null}
            </span>
          </div>
        );
      })}
    </div>
  );
});
