import { journalThreads } from '../checks/mount-checks.ts';
import { ioPressure, plegRelist, runtimeDeadlines, systemdAnswers } from '../checks/runtime-checks.ts';
import { tt } from '../triage-thresholds.ts';
import { DECIDE } from '../types.ts';
import { go, type PlaybookDef, step, YES } from './playbook-def.ts';

export const plegUnhealthy: PlaybookDef = {
  id: 'pleg-unhealthy',
  title: 'PLEG is not healthy',
  symptom: 'kubelet reports "PLEG is not healthy" and the node flaps NotReady',
  entry: {
    text: 'pleg-unhealthy fired or a relist gap ≥ 10 s',
    rules: ['pleg-unhealthy'],
    metrics: [{ metric: 'pleg.relist_max_gap_s', op: '>=', threshold: tt('plegGapSeconds') }],
  },
  steps: [
    step({
      id: 'relist-gaps',
      title: 'How long are the relist gaps?',
      why: 'Relist runs every second; gaps show when the runtime stopped answering and for how long.',
      check: plegRelist,
      branches: go('runtime-deadlines', { 'ruled-out': DECIDE }),
    }),
    step({
      id: 'runtime-deadlines',
      title: 'Are container runtime calls timing out?',
      why: 'containerd TaskExit and deadline errors show the runtime itself is blocked, not kubelet.',
      check: runtimeDeadlines,
      branches: go('io-pressure'),
    }),
    step({
      id: 'io-pressure',
      title: 'Is disk I/O saturated?',
      why: 'Overlay umount forces dirty page syncs and bbolt fsyncs; on a saturated disk the status lock is held for tens of seconds.',
      check: ioPressure,
      branches: go('kernel-threads', { confirmed: DECIDE }),
    }),
    step({
      id: 'kernel-threads',
      title: 'Do kernel threads pile up?',
      why: 'Tens of thousands of tasks make every relist walk slow too (seed A).',
      check: journalThreads,
      branches: go('systemd'),
    }),
    step({
      id: 'systemd',
      title: 'Does systemd answer on D-Bus?',
      why: 'A runtime waiting on systemd for cgroup scopes also stalls relists.',
      check: systemdAnswers,
      branches: go(DECIDE),
    }),
  ],
  decisions: [
    { conclusion: 'runtime-io-contention', when: { 'relist-gaps': YES, 'io-pressure': YES } },
    { conclusion: 'systemd-dbus-hang', when: { 'relist-gaps': YES, systemd: YES } },
  ],
};
