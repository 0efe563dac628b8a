import { buildNodeState } from './analysis/build-node-state.ts';
import { analyzeNode } from './analysis/node-analysis.ts';
import type { DetectorContext, Peer } from './detectors/detector.ts';
import { DETECTORS } from './detectors/registry.ts';
import { computeMetrics } from './metrics/compute-metrics.ts';
import type { RawArtifact } from './model/artifact.ts';
import type { AnalysisResult, Finding } from './model/finding.ts';
import type { NodeState } from './model/node-state.ts';
import { severityRank } from './model/rule-id.ts';
import type { ParseWarning } from './model/warning.ts';

export interface AnalyzeOptions {
  peers?: Peer[];
  nodeName?: string;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Failed, timed-out and truncated probes: the snapshot is partial and the reader must know. */
export function probeWarnings(state: NodeState): ParseWarning[] {
  const out: ParseWarning[] = [];
  for (const p of state.probes) {
    if (p.timedOut)
      out.push({ probe: p.probe, message: `probe ${p.probe} timed out; its output may be partial` });
    else if (p.error) out.push({ probe: p.probe, message: `probe ${p.probe} failed: ${p.error}` });
    else if (!p.ok)
      out.push({
        probe: p.probe,
        message: `probe ${p.probe} failed with exit code ${p.exitCode} and no output`,
      });
    if (p.truncated)
      out.push({ probe: p.probe, message: `probe ${p.probe} output hit its size cap and was cut` });
  }
  return out;
}

export function analyzeNodeState(state: NodeState, opts: AnalyzeOptions = {}): AnalysisResult {
  const warnings: ParseWarning[] = [...state.warnings, ...probeWarnings(state)];
  let ctx: DetectorContext;
  try {
    const analysis = analyzeNode(state);
    ctx = { state, analysis, metrics: computeMetrics(state, analysis) };
  } catch (e) {
    // Never reached with parser output; a hand-built state with holes must not take the caller down.
    warnings.push({ message: `analysis failed: ${errorText(e)}` });
    return { findings: [], metrics: {}, warnings };
  }
  if (opts.peers) ctx.peers = opts.peers;
  if (opts.nodeName) ctx.nodeName = opts.nodeName;
  const findings: Finding[] = [];
  for (const d of DETECTORS) {
    try {
      findings.push(...d.run(ctx));
    } catch (e) {
      warnings.push({ message: `detector ${d.rule} failed: ${errorText(e)}` });
    }
  }
  // Stable: within a severity, registry order (RULE_IDS order).
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { findings, metrics: ctx.metrics, warnings };
}

export function analyzeArtifacts(
  artifacts: RawArtifact[],
  opts: AnalyzeOptions & { takenAt?: string } = {},
): AnalysisResult & { state: NodeState } {
  const { takenAt, ...rest } = opts;
  const state = buildNodeState(artifacts, takenAt ? { takenAt } : {});
  return { ...analyzeNodeState(state, rest), state };
}
