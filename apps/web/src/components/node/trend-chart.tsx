'use client';
import { metricSpec } from '@nodescope/core';
import { useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatLocal, formatMetric } from '@/lib/format';
import { type ChartSpec, PALETTE } from './chart-specs';

export type TrendRow = { t: number } & Record<string, number | null>;
export interface Annotation {
  rule: string;
  severity: string;
  title: string;
  at: number;
}

const SEV_COLOR: Record<string, string> = {
  critical: 'var(--crit)',
  warning: 'var(--warn)',
  info: 'var(--info)',
};

function label(metric: string): string {
  return metricSpec(metric)?.label ?? metric;
}

function tick(t: number, spanMs: number): string {
  const d = new Date(t);
  if (spanMs <= 36 * 3600_000)
    return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

interface Props {
  spec: ChartSpec;
  series: string[];
  rows: TrendRow[];
  domain: [number, number];
  annotations: Annotation[];
  showAnnotationLabels: boolean;
  onZoom: (from: number, to: number) => void;
}

/** One trend panel; drag across it to zoom the whole page to that window. */
export function TrendChart({ spec, series, rows, domain, annotations, showAnnotationLabels, onZoom }: Props) {
  const [sel, setSel] = useState<{ a: number; b: number } | null>(null);
  const spanMs = domain[1] - domain[0];
  const right =
    spec.right?.metrics.filter((m) => rows.some((r) => r[m] !== null && r[m] !== undefined)) ?? [];
  const left = series.filter((s) => !right.includes(s));
  let maxLeft = 0;
  for (const r of rows) {
    let stackSum = 0;
    for (const s of left) {
      const v = r[s];
      if (typeof v === 'number') {
        maxLeft = Math.max(maxLeft, v);
        stackSum += v;
      }
    }
    if (spec.stacked) maxLeft = Math.max(maxLeft, stackSum);
  }
  // A series of one or two samples (a node collected only minutes ago) draws no line: show dots.
  const sparse = rows.length < 3;
  // The limit is drawn when the data comes near it; otherwise the axis fits the data (a flat
  // line under a 65,535 ceiling tells nothing) and the limit is named in the header.
  const limitInView = spec.limit !== undefined && maxLeft >= spec.limit.value * 0.25;
  const yMax = spec.limit && limitInView ? Math.max(maxLeft, spec.limit.value) * 1.05 : 'auto';
  const active = (e: unknown) => {
    const v = Number((e as { activeLabel?: unknown } | null)?.activeLabel);
    return Number.isFinite(v) ? v : null;
  };
  return (
    <div className="chart-panel panel" data-chart={spec.id}>
      <div className="chart-head">
        <h3>{spec.title}</h3>
        {spec.hint ? <span className="faint chart-hint">{spec.hint}</span> : null}
        {spec.limit && !limitInView ? (
          <span className="faint chart-hint" data-limit-off-scale>
            {spec.limit.label}: off scale
          </span>
        ) : null}
      </div>
      {series.length === 0 ? (
        <div className="chart-empty faint">No samples in this range.</div>
      ) : (
        <div className="chart-body">
          <ResponsiveContainer width="100%" height={210}>
            <ComposedChart
              data={rows}
              syncId="node-trends"
              margin={{ top: 6, right: right.length ? 4 : 12, bottom: 0, left: 0 }}
              onMouseDown={(e) => {
                const v = active(e);
                if (v !== null) setSel({ a: v, b: v });
              }}
              onMouseMove={(e) => {
                const v = active(e);
                if (sel && v !== null) setSel({ ...sel, b: v });
              }}
              onMouseUp={() => {
                if (sel && Math.abs(sel.b - sel.a) > 60_000)
                  onZoom(Math.min(sel.a, sel.b), Math.max(sel.a, sel.b));
                setSel(null);
              }}
            >
              <CartesianGrid stroke="var(--border)" strokeDasharray="2 4" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={domain}
                tickFormatter={(t: number) => tick(t, spanMs)}
                stroke="var(--text-3)"
                tick={{ fontSize: 11 }}
                minTickGap={40}
              />
              <YAxis
                yAxisId="left"
                domain={[0, yMax]}
                tickFormatter={(v: number) => formatMetric(v, spec.unit === 'seconds' ? 'count' : spec.unit)}
                stroke="var(--text-3)"
                tick={{ fontSize: 11 }}
                width={62}
              />
              {right.length ? (
                <YAxis
                  yAxisId="right"
                  orientation="right"
                  tickFormatter={(v: number) => formatMetric(v, spec.right?.unit ?? 'count')}
                  stroke="var(--text-3)"
                  tick={{ fontSize: 11 }}
                  width={64}
                />
              ) : null}
              <Tooltip
                contentStyle={{
                  background: 'var(--panel)',
                  border: '1px solid var(--border-strong)',
                  borderRadius: 6,
                  fontSize: 12,
                }}
                labelStyle={{ color: 'var(--text-2)' }}
                labelFormatter={(t) => formatLocal(new Date(Number(t)), true)}
                formatter={(v, name) => {
                  const metric = String(name);
                  const unit = right.includes(metric) ? (spec.right?.unit ?? 'count') : spec.unit;
                  return [formatMetric(Number(v), unit), label(metric)];
                }}
              />
              <Legend
                formatter={(v: string) => <span style={{ color: 'var(--text-2)' }}>{label(v)}</span>}
                wrapperStyle={{ fontSize: 11 }}
                iconSize={8}
              />
              {left.map((m, i) =>
                spec.stacked ? (
                  <Area
                    key={m}
                    yAxisId="left"
                    dataKey={m}
                    name={m}
                    stackId="s"
                    type="linear"
                    stroke={PALETTE[i % PALETTE.length]}
                    fill={PALETTE[i % PALETTE.length]}
                    fillOpacity={0.35}
                    dot={sparse ? { r: 3 } : false}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                ) : (
                  <Line
                    key={m}
                    yAxisId="left"
                    dataKey={m}
                    name={m}
                    type="linear"
                    stroke={PALETTE[i % PALETTE.length]}
                    strokeWidth={1.5}
                    dot={sparse ? { r: 3 } : false}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                ),
              )}
              {right.map((m, i) => (
                <Line
                  key={m}
                  yAxisId="right"
                  dataKey={m}
                  name={m}
                  type="linear"
                  stroke={PALETTE[(left.length + i) % PALETTE.length]}
                  strokeDasharray="4 2"
                  strokeWidth={1.5}
                  dot={sparse ? { r: 3 } : false}
                  isAnimationActive={false}
                />
              ))}
              {spec.limit && limitInView ? (
                <ReferenceLine
                  yAxisId="left"
                  y={spec.limit.value}
                  stroke="var(--crit)"
                  strokeDasharray="6 3"
                  label={{
                    value: spec.limit.label,
                    position: 'insideTopRight',
                    fill: 'var(--crit)',
                    fontSize: 11,
                  }}
                />
              ) : null}
              {annotations.map((a) => (
                <ReferenceLine
                  key={`${a.rule}-${a.at}`}
                  yAxisId="left"
                  x={a.at}
                  stroke={SEV_COLOR[a.severity] ?? 'var(--text-3)'}
                  strokeDasharray="2 2"
                  label={
                    showAnnotationLabels
                      ? {
                          value: a.rule,
                          position: 'insideTopLeft',
                          fill: SEV_COLOR[a.severity] ?? 'var(--text-3)',
                          fontSize: 10,
                        }
                      : undefined
                  }
                />
              ))}
              {sel ? (
                <ReferenceArea yAxisId="left" x1={sel.a} x2={sel.b} fill="var(--accent)" fillOpacity={0.15} />
              ) : null}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
