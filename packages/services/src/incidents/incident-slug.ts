/** Short symptom words for slugs, by rule or playbook id; anything else is used as it is. */
const SYMPTOM: Record<string, string> = {
  'kubelet-resource-high': 'kubelet-cpu',
  'node-not-ready': 'not-ready',
  'pleg-unhealthy': 'pleg',
  'pods-stuck': 'pods-stuck',
  'cgroup-mkdir-enospc': 'cgroup-enospc',
  'disk-filesystem-errors': 'disk-errors',
  'containers-fail-to-start': 'containers-fail',
  'mount-propagation-leak': 'mount-leak',
  'kernel-thread-flood': 'kernel-threads',
  'volume-teardown-stuck': 'volume-teardown',
  'container-stuck-removal': 'container-removal',
  'disk-io-errors': 'disk-errors',
  'filesystem-shutdown': 'fs-shutdown',
  'hung-task': 'hung-tasks',
  'runtime-slow': 'runtime-slow',
  'pressure-stall': 'pressure',
  'kubelet-restart-loop': 'kubelet-restarts',
  'slab-allocation-failure': 'slab-alloc',
  'cgroup-id-exhaustion': 'cgroup-ids',
  'kmem-accounting-risk': 'kmem',
  'systemd-unresponsive': 'systemd',
  'runc-stuck': 'runc-stuck',
  'fleet-outlier': 'outlier',
};

function clean(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `2026-12-01-prod-east-general-03-kubelet-cpu`: date (UTC), node, symptom; at most 96 characters. */
export function incidentSlug(at: Date, nodeName: string, symptom: string | null): string {
  const date = at.toISOString().slice(0, 10);
  const word = clean(symptom ? (SYMPTOM[symptom] ?? symptom) : 'triage') || 'triage';
  const node = clean(nodeName).slice(0, 60) || 'node';
  return `${date}-${node}-${word}`.slice(0, 96).replace(/-+$/, '');
}

/** The n-th candidate when earlier ones are taken: base, base-2, base-3… */
export function slugCandidate(base: string, n: number): string {
  return n <= 1 ? base : `${base}-${n}`;
}

/** A slug as it may appear in a URL: what incidentSlug can produce, nothing else. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,110}[a-z0-9])?$/;
