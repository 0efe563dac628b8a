import { runTriage, type TriageReport, triageInputFromStored } from '@nodescope/core';
import type { LoadedSnapshot } from './load-snapshot.ts';

/**
 * The triage engine on a stored snapshot: its findings (incl. the peer comparison made at
 * ingest), metrics and probe states as stored. Pure and fast: no raw output is re-parsed.
 */
export function triageSnapshot(snap: LoadedSnapshot): TriageReport {
  return runTriage(
    triageInputFromStored({
      findings: snap.findings,
      metrics: snap.metrics,
      collectedProbes: snap.probes,
      probeErrors: snap.probeErrors,
      peersCompared: true,
      nodeName: snap.nodeName,
      takenAt: snap.takenAt.toISOString(),
    }),
  );
}
