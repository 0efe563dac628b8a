import { cgroupIds, kmemRisk } from '../checks/cgroup-checks.ts';
import { slabFailures } from '../checks/disk-checks.ts';
import { DECIDE } from '../types.ts';
import { go, type PlaybookDef, step, YES, YES_OR_MAYBE } from './playbook-def.ts';

export const cgroupMkdirEnospc: PlaybookDef = {
  id: 'cgroup-mkdir-enospc',
  title: 'cgroup mkdir: no space left on device',
  symptom: 'pod sandboxes fail with "mkdir /sys/fs/cgroup/memory/kubepods/…: no space left on device"',
  entry: {
    text: 'cgroup-id-exhaustion fired, or memory cgroups ≥ 70% of 65,535, or ≥ 5,000 dying cgroups',
    rules: ['cgroup-id-exhaustion'],
    metrics: [
      { metric: 'cgroups.memory', op: '>=', threshold: 45_875 },
      { metric: 'cgroups.dying', op: '>=', threshold: 5_000 },
    ],
  },
  steps: [
    step({
      id: 'id-space',
      title: 'How full is the cgroup id space?',
      why: 'Memory cgroup ids are 16-bit: past 65,535 every mkdir fails, although the disk is not full.',
      check: cgroupIds,
      branches: go('kmem', { 'ruled-out': DECIDE }),
    }),
    step({
      id: 'kmem',
      title: 'Is kmem accounting on a leaking kernel?',
      why: 'With kmem accounting on 3.10, deleted cgroups keep their ids while slab objects are charged to them.',
      check: kmemRisk,
      branches: go('slab'),
    }),
    step({
      id: 'slab',
      title: 'Are per-cgroup slab allocations failing?',
      why: 'Per-memcg caches in SLUB failures confirm kmem accounting is active and starving.',
      check: slabFailures,
      decisive: false,
      branches: go(DECIDE),
    }),
  ],
  decisions: [{ conclusion: 'memcg-id-leak-kmem', when: { 'id-space': YES, kmem: YES_OR_MAYBE } }],
};
