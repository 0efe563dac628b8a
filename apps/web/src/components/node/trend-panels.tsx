'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { formatLocal, formatUtc } from '@/lib/format';
import { ruleLabel } from '@/lib/rules';
import {
  parseTimeRange,
  RANGES,
  type RangeKey,
  resolveRange,
  type TimeRangeParams,
  timeRangeToSearch,
} from '@/lib/time-range';
import { useTRPC } from '@/lib/trpc';
import { useUrlState } from '@/lib/use-url-state';
import { CHARTS, pickSeries } from './chart-specs';
import { type Annotation, TrendChart, type TrendRow } from './trend-chart';

/** Other params of the page (e.g. a finding's anchor state) survive a range change. */
function serialiseRange(p: TimeRangeParams): string {
  return timeRangeToSearch(p, new URLSearchParams(window.location.search));
}

/** Trend charts over the URL's time range; drag on any chart to zoom, presets to go back. */
export function TrendPanels({ name }: { name: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useUrlState(parseTimeRange, serialiseRange);
  const { from, to } = resolveRange(range);
  const query = useQuery({
    ...trpc.node.trends.queryOptions({ name, from, to, points: 240 }),
    refetchInterval: range.range === 'custom' ? false : 30_000,
    placeholderData: (prev) => prev,
  });
  const data = query.data;
  const rows = useMemo<TrendRow[]>(() => {
    if (!data) return [];
    const names = Object.keys(data.series);
    return data.times.map((t, i) => {
      const row: TrendRow = { t };
      for (const n of names) row[n] = data.series[n]?.[i] ?? null;
      return row;
    });
  }, [data]);
  // Findings first seen in the same snapshot share one marker, labelled with all their rules.
  const annotations = useMemo<Annotation[]>(() => {
    const byTime = new Map<number, Annotation>();
    for (const a of data?.annotations ?? []) {
      const at = Date.parse(a.at);
      const prev = byTime.get(at);
      if (!prev) byTime.set(at, { ...a, rule: ruleLabel(a.rule), at });
      else {
        prev.rule = `${prev.rule}, ${ruleLabel(a.rule)}`;
        if (a.severity === 'critical') prev.severity = 'critical';
      }
    }
    return [...byTime.values()];
  }, [data]);
  const available = useMemo(() => Object.keys(data?.series ?? {}), [data]);
  // A node with less history than the chosen range is drawn over the span that has data
  // (a day of points, not one column of dots at the right edge of a month).
  const firstSample = data?.times[0];
  const dataStart =
    range.range !== 'custom' &&
    firstSample !== undefined &&
    firstSample > Date.parse(from) + (data?.bucketSec ?? 0) * 1000
      ? firstSample
      : undefined;
  const domain: [number, number] = [dataStart ?? Date.parse(from), Date.parse(to)];

  return (
    <section className="trends">
      <div className="section-head">
        <h2>Trends</h2>
        <fieldset className="seg" aria-label="Time range">
          {(Object.keys(RANGES) as RangeKey[]).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={range.range === k}
              onClick={() => setRange({ range: k, from: null, to: null })}
            >
              {k}
            </button>
          ))}
          <button
            type="button"
            aria-pressed={range.range === 'custom'}
            disabled={range.range !== 'custom'}
            title="Drag across a chart to pick a window"
          >
            custom
          </button>
        </fieldset>
        <span className="faint" title={`${formatUtc(from)} – ${formatUtc(to)}`}>
          {formatLocal(from)} – {formatLocal(to)}
          {data ? ` · ${Math.round(data.bucketSec / 60).toLocaleString('en-US')} min buckets` : ''}
        </span>
        {dataStart !== undefined ? (
          <span className="faint" data-testid="data-span">
            history starts {formatLocal(new Date(dataStart).toISOString())}
          </span>
        ) : null}
        <span className="faint">drag on a chart to zoom</span>
        {query.isFetching ? <span className="spinner" /> : null}
      </div>
      {query.isError ? (
        <div className="panel error-box">Could not load trends: {query.error.message}</div>
      ) : !data ? (
        <div className="charts">
          {CHARTS.map((c) => (
            <div key={c.id} className="panel chart-panel skeleton" style={{ height: 250 }} />
          ))}
        </div>
      ) : data.times.length === 0 ? (
        <div className="panel empty">No samples for {name} in this range. Try a longer range.</div>
      ) : (
        <div className="charts">
          {CHARTS.map((c, i) => (
            <TrendChart
              key={c.id}
              spec={c}
              series={pickSeries(c, available)}
              rows={rows}
              domain={domain}
              annotations={annotations}
              showAnnotationLabels={i === 0}
              onZoom={(a, b) =>
                setRange({ range: 'custom', from: new Date(a).toISOString(), to: new Date(b).toISOString() })
              }
            />
          ))}
        </div>
      )}
    </section>
  );
}
