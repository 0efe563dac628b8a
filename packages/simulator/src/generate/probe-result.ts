/** What one exec of a probe does on the simulated node, before any transport fault is applied. */
export interface ProbeResult {
  stdout: string;
  stderr: string;
  /** null when the process died of a signal. */
  exitCode: number | null;
  /** e.g. "KILL" when `timeout -s KILL` fired. */
  exitSignal?: string;
  /** How long the probe takes on the node before its output appears. */
  durationMs: number;
  /** The probe prints nothing and is killed after durationMs (the catalogue timeout). */
  hangs?: boolean;
}

export function ok(stdout: string, durationMs: number, exitCode = 0, stderr = ''): ProbeResult {
  return { stdout, stderr, exitCode, durationMs };
}
