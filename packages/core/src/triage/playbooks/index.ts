import type { PlaybookId } from '../types.ts';
import { cgroupMkdirEnospc } from './cgroup-mkdir-enospc.ts';
import { containersFailToStart } from './containers-fail-to-start.ts';
import { diskFilesystemErrors } from './disk-filesystem-errors.ts';
import { kubeletResourceHigh } from './kubelet-resource-high.ts';
import { nodeNotReady } from './node-not-ready.ts';
import type { PlaybookDef } from './playbook-def.ts';
import { plegUnhealthy } from './pleg-unhealthy.ts';
import { podsStuck } from './pods-stuck.ts';

export type { Decision, EntrySymptom, PlaybookDef, StepDef } from './playbook-def.ts';

/** Every playbook, in PLAYBOOK_IDS order. */
export const PLAYBOOKS: Record<PlaybookId, PlaybookDef> = {
  'kubelet-resource-high': kubeletResourceHigh,
  'node-not-ready': nodeNotReady,
  'pleg-unhealthy': plegUnhealthy,
  'pods-stuck': podsStuck,
  'cgroup-mkdir-enospc': cgroupMkdirEnospc,
  'disk-filesystem-errors': diskFilesystemErrors,
  'containers-fail-to-start': containersFailToStart,
};
