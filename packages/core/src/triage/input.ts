import type { AnalysisResult } from '../model/finding.ts';
import type { NodeState } from '../model/node-state.ts';
import type { ProbeId } from '../model/probe-id.ts';
import { isProbeId } from '../model/probe-id.ts';
import type { TriageInput } from './types.ts';

/** Triage input from a fresh analysis (`analyzeArtifacts`), probe states from the node state. */
export function triageInputFromAnalysis(
  result: AnalysisResult & { state: Pick<NodeState, 'probes'> },
  opts: { nodeName?: string; takenAt?: string; peersCompared?: boolean } = {},
): TriageInput {
  const probes: TriageInput['probes'] = {};
  for (const p of result.state.probes) {
    const state = p.timedOut ? 'timed-out' : p.error || !p.ok ? 'failed' : 'ok';
    // A probe may appear once per copy (mountinfo-ns): any good copy counts.
    if (probes[p.probe]?.state === 'ok') continue;
    const error = p.error ?? (p.ok ? undefined : `exit code ${p.exitCode}`);
    probes[p.probe] = error && state !== 'ok' ? { state, error } : { state };
  }
  return { findings: result.findings, metrics: result.metrics, probes, ...opts };
}

/**
 * Triage input from a stored snapshot: its findings and metrics as stored, the probes that have
 * an artifact, and `probeErrors` ({ probe: "error text" }) for those that failed or timed out.
 */
export function triageInputFromStored(s: {
  findings: TriageInput['findings'];
  metrics: TriageInput['metrics'];
  collectedProbes: string[];
  probeErrors?: Record<string, string> | null;
  peersCompared?: boolean;
  nodeName?: string;
  takenAt?: string;
}): TriageInput {
  const probes: TriageInput['probes'] = {};
  for (const p of s.collectedProbes) if (isProbeId(p)) probes[p] = { state: 'ok' };
  for (const [p, error] of Object.entries(s.probeErrors ?? {})) {
    if (!isProbeId(p)) continue;
    probes[p as ProbeId] = { state: /timed? ?out/i.test(error) ? 'timed-out' : 'failed', error };
  }
  const out: TriageInput = { findings: s.findings, metrics: s.metrics, probes };
  if (s.peersCompared !== undefined) out.peersCompared = s.peersCompared;
  if (s.nodeName) out.nodeName = s.nodeName;
  if (s.takenAt) out.takenAt = s.takenAt;
  return out;
}
