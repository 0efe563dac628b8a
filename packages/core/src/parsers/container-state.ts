import type { ContainerState } from '../model/node-state.ts';

/**
 * Container state from whatever the runtime printed: docker's State (`removing`, `dead`), its
 * Status text (`Removal In Progress`, `Exited (137) 2 days ago`, `Up 3 hours (Paused)`) or
 * crictl's `CONTAINER_EXITED` / `Exited`.
 */
export function containerState(stateOrStatus: string): ContainerState {
  const s = stateOrStatus
    .trim()
    .toLowerCase()
    .replace(/^container_/, '');
  if (s.startsWith('removal in progress') || s === 'removing') return 'removing';
  if (s === 'dead') return 'dead';
  if (s.startsWith('up ') || s === 'up' || s === 'running')
    return s.includes('(paused)') ? 'paused' : 'running';
  if (s.startsWith('exited')) return 'exited';
  if (s.startsWith('created')) return 'created';
  if (s.startsWith('restarting')) return 'restarting';
  if (s.startsWith('paused')) return 'paused';
  return 'unknown';
}

/**
 * kubelet names docker containers `k8s_<container>_<pod>_<namespace>_<pod uid>_<attempt>`;
 * the pod is recoverable from the name when labels are missing (plain `docker ps` tables).
 */
export function podFromDockerName(name: string): { podName: string; podNamespace: string } | undefined {
  const n = name.startsWith('/') ? name.slice(1) : name;
  const parts = n.split('_');
  if (parts.length < 6 || parts[0] !== 'k8s') return undefined;
  return { podName: parts[2]!, podNamespace: parts[3]! };
}

/** docker's `Labels` field in `{{json .}}` output: `k=v,k2=v2`. */
export function parseLabelList(labels: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of labels.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}
