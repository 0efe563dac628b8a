/** Rule ids are a contract (DESIGN.md): detectors emit findings with exactly these ids. */
export const RULE_IDS = [
  'mount-propagation-leak',
  'kernel-thread-flood',
  'volume-teardown-stuck',
  'container-stuck-removal',
  'disk-io-errors',
  'filesystem-shutdown',
  'hung-task',
  'pleg-unhealthy',
  'runtime-slow',
  'pressure-stall',
  'kubelet-restart-loop',
  'slab-allocation-failure',
  'cgroup-id-exhaustion',
  'kmem-accounting-risk',
  'systemd-unresponsive',
  'runc-stuck',
  'fleet-outlier',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return s === 'critical' ? 3 : s === 'warning' ? 2 : 1;
}
