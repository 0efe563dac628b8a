import type { ProbeId } from './probe-id.ts';

/** What one probe produced on one node: the raw, unparsed output and how the run went. */
export interface RawArtifact {
  probe: ProbeId;
  text: string;
  exitCode: number | null;
  durationMs: number;
  /** Output hit the probe's cap and was cut. */
  truncated: boolean;
  /** The probe hit its timeout (on the node or on the client). */
  timedOut: boolean;
  /** Transport or execution error, e.g. "channel closed", "exec refused". */
  error?: string;
}

/** A snapshot in transit: what `nodescope-collect.sh`, `collect --bundle` and `simulate --bundle` print. */
export interface Bundle {
  formatVersion: 1;
  node: { name: string; host?: string };
  takenAt: string; // ISO-8601 UTC
  collector?: string; // e.g. "nodescope-collect.sh 1", "nodescope 0.1.0"
  artifacts: RawArtifact[];
}
