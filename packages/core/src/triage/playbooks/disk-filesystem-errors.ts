import { diskErrors, errorsOnLeakedDevices, fsShutdown, slabFailures } from '../checks/disk-checks.ts';
import { kubeletRestarts } from '../checks/kubelet-checks.ts';
import { leakHolderDead } from '../checks/mount-checks.ts';
import { DECIDE } from '../types.ts';
import { go, type PlaybookDef, step, YES } from './playbook-def.ts';

export const diskFilesystemErrors: PlaybookDef = {
  id: 'disk-filesystem-errors',
  title: 'Disk or filesystem errors',
  symptom: 'the kernel log shows I/O errors, aborted journals or a filesystem shutdown',
  entry: {
    text: 'disk-io-errors or filesystem-shutdown fired',
    rules: ['disk-io-errors', 'filesystem-shutdown'],
    metrics: [],
  },
  steps: [
    step({
      id: 'io-errors',
      title: 'Which devices report I/O errors?',
      why: 'Counts per device tell one failing disk from many vanished ones.',
      check: diskErrors,
      branches: go('leaked-devices', { 'ruled-out': 'fs-shutdown' }),
    }),
    step({
      id: 'leaked-devices',
      title: 'Are the failing devices only volumes kept mounted by a leak?',
      why: "Seed A's EXT4 errors came from cloud disks deleted months earlier, still mounted through a dead container: a consequence, not the cause.",
      check: errorsOnLeakedDevices,
      branches: go('fs-shutdown', { confirmed: 'holder-dead' }),
    }),
    step({
      id: 'holder-dead',
      title: 'Is the holder of those mounts a dead container?',
      why: 'Then the fix is the umount plan, not the disks.',
      check: leakHolderDead,
      branches: go('fs-shutdown', { confirmed: DECIDE }),
    }),
    step({
      id: 'fs-shutdown',
      title: 'Did a filesystem shut down or go read-only?',
      why: 'A shut down XFS or an aborted ext4 journal returns EIO until it is unmounted and repaired.',
      check: fsShutdown,
      branches: go('kubelet-exits'),
    }),
    step({
      id: 'kubelet-exits',
      title: 'Is kubelet exiting on the I/O errors?',
      why: 'kubelet exits when its log or certificate sits on the failed filesystem: the node goes NotReady.',
      check: kubeletRestarts,
      branches: go('slab'),
    }),
    step({
      id: 'slab',
      title: 'Did kernel memory allocations fail first?',
      why: 'Seed C: SLUB allocation failures 20 hours before the I/O errors; the time order matters for the postmortem.',
      check: slabFailures,
      decisive: false,
      branches: go(DECIDE),
    }),
  ],
  decisions: [
    { conclusion: 'mount-leak-dead-container', when: { 'leaked-devices': YES, 'holder-dead': YES } },
    { conclusion: 'disk-failure-kubelet-exits', when: { 'io-errors': YES, 'fs-shutdown': YES } },
  ],
};
