// Triage benchmark: every playbook on the full-scale seed-A snapshot (26,765 mount records,
// 6,385 devices, 20,135 tasks, ~4,000 kubelet error lines), in process. Parse and analyze are
// timed separately (they are the baseline triage sits on); the target is for triage alone.
import {
  analyzeArtifacts,
  PLAYBOOK_IDS,
  parseBundle,
  renderTriageMarkdown,
  runTriage,
  serializeBundle,
  toTriageJson,
  triageInputFromAnalysis,
} from '@nodescope/core';
import { bundleFor } from '@nodescope/simulator';
import { fmt, median, percentile, timeRuns, verdict } from './bench-util.ts';

const TARGET_MS = 100;

function main() {
  const text = serializeBundle(bundleFor('mount-leak'));
  let t = performance.now();
  const bundle = parseBundle(text).value;
  if (!bundle) throw new Error('bundle did not parse');
  const parseMs = performance.now() - t;
  t = performance.now();
  const result = analyzeArtifacts(bundle.artifacts, { takenAt: bundle.takenAt });
  const analyzeMs = performance.now() - t;
  const input = triageInputFromAnalysis(result);

  t = performance.now();
  const first = runTriage(input);
  const coldMs = performance.now() - t;
  if (first.rootCause?.id !== 'mount-leak-dead-container')
    throw new Error(`wrong root cause ${first.rootCause?.id}`);

  // Every playbook: the applicable ones in one report, then each of the seven asked for by id.
  const all = timeRuns(20, () => {
    runTriage(input);
    for (const id of PLAYBOOK_IDS) runTriage(input, { playbook: id });
  });
  const report = timeRuns(20, () => {
    JSON.stringify(toTriageJson(runTriage(input)));
    renderTriageMarkdown(runTriage(input));
  });

  console.log(
    `snapshot: ${fmt(result.metrics['mounts.total'] ?? 0)} mount records, ${fmt(result.metrics['tasks.total'] ?? 0)} tasks, ${result.findings.length} findings`,
  );
  console.log(`baseline: parse ${fmt(parseMs)} ms + analyze ${fmt(analyzeMs)} ms (not part of the target)`);
  console.log(`triage, first run (${first.runs.length} applicable playbooks): ${fmt(coldMs, 2)} ms`);
  console.log(
    `triage, all ${PLAYBOOK_IDS.length} playbooks (applicable run + each by id): median ${fmt(median(all), 2)} ms, p95 ${fmt(percentile(all, 95), 2)} ms  target < ${TARGET_MS} ms  ${verdict(percentile(all, 95) < TARGET_MS)}`,
  );
  console.log(`triage + JSON + Markdown report: median ${fmt(median(report), 2)} ms`);
  console.log(`triage vs analyze: ${fmt((median(all) / analyzeMs) * 100, 2)}% of the analysis time`);
  if (percentile(all, 95) >= TARGET_MS) process.exitCode = 1;
}

main();
