/** Short labels for rule ids, for chips where a full title does not fit. */
const LABELS: Record<string, string> = {
  'mount-propagation-leak': 'mount leak',
  'kernel-thread-flood': 'kthread flood',
  'volume-teardown-stuck': 'volume teardown',
  'container-stuck-removal': 'stuck removal',
  'disk-io-errors': 'disk I/O errors',
  'filesystem-shutdown': 'fs shutdown',
  'hung-task': 'hung tasks',
  'pleg-unhealthy': 'PLEG unhealthy',
  'runtime-slow': 'runtime slow',
  'pressure-stall': 'PSI stall',
  'kubelet-restart-loop': 'kubelet restarts',
  'slab-allocation-failure': 'slab alloc fail',
  'cgroup-id-exhaustion': 'cgroup ids',
  'kmem-accounting-risk': 'kmem risk',
  'systemd-unresponsive': 'systemd hang',
  'runc-stuck': 'runc stuck',
  'fleet-outlier': 'outlier',
};

export function ruleLabel(rule: string): string {
  return LABELS[rule] ?? rule;
}
