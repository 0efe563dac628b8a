import { metricSpec } from '@nodescope/core';
import type { TriageReport } from './triage-report.ts';

export interface BeforeAfterRow {
  metric: string;
  label: string;
  unit: string;
  before: number | null;
  after: number | null;
  /** after / before; null when either side is missing or before is zero. */
  ratio: number | null;
}

/**
 * The metrics that mattered for an incident: those the confirmed steps compared against a
 * threshold, charted, or found far from the pool's median; kubelet CPU always.
 */
export function metricsThatMattered(triage: TriageReport, metrics: Record<string, number>): string[] {
  const out = new Set<string>();
  for (const run of triage.runs) {
    for (const step of run.steps) {
      if (step.verdict !== 'confirmed') continue;
      for (const r of step.readings) out.add(r.metric);
      for (const b of step.blocks) {
        if (b.kind === 'chart') out.add(b.metric);
        if (b.kind === 'peer-comparison') for (const r of b.rows) out.add(r.metric);
      }
    }
  }
  if ('kubelet.cpu_percent' in metrics) out.add('kubelet.cpu_percent');
  return [...out].filter((m) => m in metrics).sort();
}

export function beforeAfter(
  names: string[],
  before: Record<string, number>,
  after: Record<string, number>,
): BeforeAfterRow[] {
  return names
    .map((metric) => {
      const b = before[metric] ?? null;
      const a = after[metric] ?? null;
      const spec = metricSpec(metric);
      return {
        metric,
        label: spec?.label ?? metric,
        unit: spec?.unit ?? 'count',
        before: b,
        after: a,
        ratio: a !== null && b ? a / b : null,
      };
    })
    .filter((r) => r.before !== null || r.after !== null);
}
