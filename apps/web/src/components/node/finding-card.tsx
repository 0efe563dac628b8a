'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Age, Time } from '@/components/time';
import { formatMetricValue, formatNumber, metricLabel } from '@/lib/format';
import { OpenIncidentButton } from '@/components/incidents/open-incident-button';
import { ruleLabel } from '@/lib/rules';
import type { NodeDetailData } from './node-types';

type Finding = NodeDetailData['findings'][number];

export function evidenceHref(snapshotId: string, probe: string, line: number): string {
  return `/snapshots/${snapshotId}?probe=${encodeURIComponent(probe)}${line > 0 ? `#L${line}` : ''}`;
}

/** A finding with its evidence lines in place; each line links to the raw artifact at that line. */
export function FindingCard({ f, defaultOpen, node }: { f: Finding; defaultOpen: boolean; node?: string }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <article className={`finding finding-${f.severity}`} data-rule={f.rule}>
      <button type="button" className="finding-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className={`badge sev-${f.severity}`}>{f.severity}</span>
        <span className="finding-rule mono">{ruleLabel(f.rule)}</span>
        <span className="finding-title">{f.title}</span>
        <span className="grow" />
        <span className="faint finding-times">
          since <Age value={f.firstSeenAt} /> (<Time value={f.firstSeenAt} />) · last seen{' '}
          <Age value={f.lastSeenAt} />
        </span>
        <span className="caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
      </button>
      {open ? (
        <div className="finding-body">
          <p className="finding-summary">{f.summary}</p>
          {node ? (
            <OpenIncidentButton node={node} from="finding" rule={f.rule} className="btn btn-sm" />
          ) : null}
          {Object.keys(f.metrics).length ? (
            <div className="row wrap finding-metrics">
              {Object.entries(f.metrics).map(([k, v]) => (
                <span key={k} className="chip" title={k} data-metric={k}>
                  {metricLabel(k)} <strong>{formatMetricValue(k, v)}</strong>
                </span>
              ))}
            </div>
          ) : null}
          {f.evidence.length ? (
            <div className="evidence">
              <div className="evidence-head faint">
                Evidence: {formatNumber(f.evidence.length)} of{' '}
                {formatNumber(Math.max(f.evidenceTotal, f.evidence.length))} lines
              </div>
              <ol className="evidence-lines">
                {f.evidence.map((e) => (
                  <li key={`${e.probe}:${e.line}:${e.text.slice(0, 80)}`}>
                    <Link
                      href={evidenceHref(f.snapshotId, e.probe, e.line)}
                      className="ev-loc mono"
                      title="Open the raw artifact at this line"
                    >
                      {e.probe}
                      {e.line > 0 ? `:${e.line}` : ''}
                    </Link>
                    <code className="ev-text">{e.text}</code>
                  </li>
                ))}
              </ol>
            </div>
          ) : (
            <div className="faint evidence-none">
              Derived from counts; see the metrics above and the trend charts.
            </div>
          )}
        </div>
      ) : null}
    </article>
  );
}
