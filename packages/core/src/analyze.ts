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

/**
 * Longest probe text analysis reads, in characters (64 Mi). Real outputs stay far below it
 * (the largest, kernel and kubelet logs, are windows of a few MB); an upload may inflate to
 * 256 MB, and one probe holding all of it would keep the parsers busy for seconds and hold
 * several copies of it in memory. The head is kept: log probes print oldest first, and every
 * other probe prints its table's start (headers) first.
 */
export const MAX_PROBE_TEXT_CHARS = 64 * 1024 * 1024;

/**
 * The artifact with its text cut to `max` characters at the last line end before the cap
 * (so no parser sees half a line), and the warning saying so; unchanged when under the cap.
 */
export function capProbeText(
  a: RawArtifact,
  max = MAX_PROBE_TEXT_CHARS,
): { artifact: RawArtifact; warning?: ParseWarning } {
  if (a.text.length <= max) return { artifact: a };
  const nl = a.text.lastIndexOf('\n', max - 1);
  const text = nl > 0 ? a.text.slice(0, nl + 1) : a.text.slice(0, max);
  const cap = max % (1024 * 1024) === 0 ? `${max / (1024 * 1024)} MiB` : `${max} characters`;
  return {
    artifact: { ...a, text },
    warning: {
      probe: a.probe,
      message: `probe ${a.probe} output is ${a.text.length} characters, over the ${cap} analysis cap; only its first ${text.length} characters were analysed`,
    },
  };
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
  opts: AnalyzeOptions & { takenAt?: string; maxProbeTextChars?: number } = {},
): AnalysisResult & { state: NodeState } {
  const { takenAt, maxProbeTextChars, ...rest } = opts;
  const capped = artifacts.map((a) => capProbeText(a, maxProbeTextChars));
  const state = buildNodeState(
    capped.map((c) => c.artifact),
    takenAt ? { takenAt } : {},
  );
  for (const c of capped) if (c.warning) state.warnings.push(c.warning);
  return { ...analyzeNodeState(state, rest), state };
}
