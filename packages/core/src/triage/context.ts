import { fmtMetric } from '../metrics/format.ts';
import { metricSpec } from '../metrics/metric-catalogue.ts';
import type { Evidence, Finding } from '../model/finding.ts';
import type { ProbeId } from '../model/probe-id.ts';
import type { RuleId } from '../model/rule-id.ts';
import type { EvidenceBlock } from './evidence-blocks.ts';
import type { CheckOutcome, MetricReading, ProbeAvailability, TriageInput, Verdict } from './types.ts';

/** A metric bound to a check with the threshold it is compared against. */
export interface MetricBinding {
  metric: string;
  op: '>=' | '<=';
  threshold: number;
}

/**
 * A named check, evaluated lazily and at most once per triage (several playbooks share it).
 * `rules`, `metrics` and `probes` are data: the wizard shows them next to the verdict, and the
 * engine turns a `ruled-out` into `unknown` when a probe in `probes` did not deliver.
 */
export interface CheckDef {
  id: string;
  rules: RuleId[];
  metrics: MetricBinding[];
  /** Probes needed to rule the check out. */
  probes: ProbeId[];
  run(ctx: TriageContext): CheckDraft;
}

export interface CheckDraft {
  verdict: Verdict;
  reason: string;
  evidence?: Evidence[];
  blocks?: EvidenceBlock[];
  facts?: CheckOutcome['facts'];
}

export class TriageContext {
  private readonly byRule = new Map<RuleId, Finding>();
  private readonly cache = new Map<string, CheckOutcome>();

  constructor(readonly input: TriageInput) {
    for (const f of input.findings) if (!this.byRule.has(f.rule)) this.byRule.set(f.rule, f);
  }

  finding(rule: RuleId): Finding | undefined {
    return this.byRule.get(rule);
  }

  /** A finding's `details` field, typed loosely: details are JSON from the detectors. */
  details<T = Record<string, unknown>>(rule: RuleId): Partial<T> | undefined {
    return this.byRule.get(rule)?.details as Partial<T> | undefined;
  }

  metric(name: string): number | undefined {
    const v = this.input.metrics[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }

  probe(id: ProbeId): { state: ProbeAvailability; error?: string } {
    return this.input.probes[id] ?? { state: 'missing' };
  }

  /** Probes among `ids` that did not deliver, worded for a reason: "kubelet-proc timed out". */
  gaps(ids: ProbeId[]): string[] {
    const out: string[] = [];
    for (const id of ids) {
      const p = this.probe(id);
      if (p.state === 'ok') continue;
      const what =
        p.state === 'missing'
          ? 'was not collected'
          : p.state === 'timed-out'
            ? 'timed out'
            : `failed${p.error ? ` (${p.error})` : ''}`;
      out.push(`probe ${id} ${what}`);
    }
    return out;
  }

  reading(b: MetricBinding): MetricReading {
    const spec = metricSpec(b.metric);
    const label = spec?.label ?? b.metric;
    const value = this.metric(b.metric);
    const sign = b.op === '>=' ? '≥' : '≤';
    const thr = fmtMetric(b.metric, b.threshold);
    const text =
      value === undefined
        ? `${label}: not collected (${sign} ${thr})`
        : `${label} ${fmtMetric(b.metric, value)} (${sign} ${thr})`;
    const r: MetricReading = {
      metric: b.metric,
      label,
      unit: spec?.unit ?? 'count',
      op: b.op,
      threshold: b.threshold,
      text,
    };
    if (value !== undefined) r.value = value;
    return r;
  }

  /** True when the metric is present and meets its threshold. */
  meets(b: MetricBinding): boolean {
    const v = this.metric(b.metric);
    if (v === undefined) return false;
    return b.op === '>=' ? v >= b.threshold : v <= b.threshold;
  }

  /** Runs a check once; later calls (from other playbooks) reuse the outcome. */
  check(def: CheckDef): CheckOutcome {
    const hit = this.cache.get(def.id);
    if (hit) return hit;
    let out: CheckOutcome;
    const readings = def.metrics.map((m) => this.reading(m));
    try {
      const d = def.run(this);
      out = {
        verdict: d.verdict,
        reason: d.reason,
        evidence: d.evidence ?? [],
        blocks: d.blocks ?? [],
        readings,
        facts: d.facts ?? {},
      };
    } catch (e) {
      // Details are JSON from storage: a shape the check did not expect is a gap, not a crash.
      out = {
        verdict: 'unknown',
        reason: `The check could not read the snapshot's findings: ${e instanceof Error ? e.message : String(e)}.`,
        evidence: [],
        blocks: [],
        readings,
        facts: {},
      };
    }
    if (out.verdict === 'ruled-out' || out.verdict === 'inconclusive') {
      const gaps = this.gaps(def.probes);
      if (gaps.length > 0) {
        out = {
          ...out,
          verdict: 'unknown',
          reason: `Cannot be ruled out: ${gaps.join(', ')}. Without it: ${out.reason}`,
        };
      }
    }
    this.cache.set(def.id, out);
    return out;
  }
}
