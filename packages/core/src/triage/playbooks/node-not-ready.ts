import { diskErrors, fsShutdown } from '../checks/disk-checks.ts';
import { kubeletRestarts } from '../checks/kubelet-checks.ts';
import { ioPressure, plegRelist, runtimeDeadlines, systemdAnswers } from '../checks/runtime-checks.ts';
import { DECIDE } from '../types.ts';
import { go, type PlaybookDef, step, YES } from './playbook-def.ts';

export const nodeNotReady: PlaybookDef = {
  id: 'node-not-ready',
  title: 'Node NotReady',
  symptom: 'the node flaps or stays NotReady',
  entry: {
    text: 'PLEG not healthy, kubelet restarting, runtime calls timing out or systemd not answering',
    rules: ['pleg-unhealthy', 'kubelet-restart-loop', 'runtime-slow', 'systemd-unresponsive'],
    metrics: [],
  },
  steps: [
    step({
      id: 'kubelet-restarts',
      title: 'Is kubelet exiting and being restarted?',
      why: 'A kubelet that exits stops posting node status: NotReady within 40 s, whatever else is wrong.',
      check: kubeletRestarts,
      branches: go('pleg', { confirmed: 'disk-errors' }),
    }),
    step({
      id: 'disk-errors',
      title: 'Does kubelet exit on disk I/O errors?',
      why: 'Seed C: kubelet fatals when it cannot write its log or read its certificate on a failed disk.',
      check: diskErrors,
      branches: go('pleg', { confirmed: 'fs-shutdown' }),
    }),
    step({
      id: 'fs-shutdown',
      title: 'Did the filesystem shut down or go read-only?',
      why: 'A shut down filesystem returns EIO forever: restarts cannot help until it is repaired.',
      check: fsShutdown,
      branches: go(DECIDE),
    }),
    step({
      id: 'pleg',
      title: 'Is PLEG relisting slowly?',
      why: 'PLEG not healthy for 3 minutes marks the node NotReady while kubelet runs.',
      check: plegRelist,
      branches: go('runtime-deadlines', { 'ruled-out': 'systemd' }),
    }),
    step({
      id: 'runtime-deadlines',
      title: 'Are container runtime calls timing out?',
      why: 'Relist calls ListContainers: a runtime blocked on a lock or on fsync makes PLEG slow.',
      check: runtimeDeadlines,
      branches: go('io-pressure'),
    }),
    step({
      id: 'io-pressure',
      title: 'Is disk I/O saturated?',
      why: 'Seed B: overlay umount syncs and containerd bbolt fsync under saturated I/O blocked the runtime.',
      check: ioPressure,
      branches: go('systemd'),
    }),
    step({
      id: 'systemd',
      title: 'Does systemd answer on D-Bus?',
      why: 'With systemd cgroups, every container start goes through PID 1 on D-Bus.',
      check: systemdAnswers,
      branches: go(DECIDE),
    }),
  ],
  decisions: [
    { conclusion: 'disk-failure-kubelet-exits', when: { 'kubelet-restarts': YES, 'disk-errors': YES } },
    { conclusion: 'systemd-dbus-hang', when: { systemd: YES } },
    { conclusion: 'runtime-io-contention', when: { pleg: YES, 'io-pressure': YES } },
  ],
};
