import { cgroupIds, kmemRisk } from '../checks/cgroup-checks.ts';
import { leakHolderDead, mountLeak, unmountRetries } from '../checks/mount-checks.ts';
import { runcLingering, stuckRemoval, systemdAnswers } from '../checks/runtime-checks.ts';
import { DECIDE } from '../types.ts';
import { go, type PlaybookDef, step, YES, YES_OR_MAYBE } from './playbook-def.ts';

export const podsStuck: PlaybookDef = {
  id: 'pods-stuck',
  title: 'Pods stuck Terminating or ContainerCreating',
  symptom: 'pods on the node stay Terminating or ContainerCreating',
  entry: {
    text: 'volume teardown failing, containers stuck in removal, mount leaks, lingering runc or cgroup id exhaustion',
    rules: [
      'volume-teardown-stuck',
      'container-stuck-removal',
      'mount-propagation-leak',
      'runc-stuck',
      'cgroup-id-exhaustion',
    ],
    metrics: [],
  },
  steps: [
    step({
      id: 'teardown',
      title: 'Is kubelet failing to tear volumes down?',
      why: 'A pod stays Terminating until its volumes are unmounted.',
      check: unmountRetries,
      branches: go('mount-leak', { 'ruled-out': 'stuck-removal' }),
    }),
    step({
      id: 'mount-leak',
      title: 'Are the volumes still mounted somewhere else?',
      why: 'GetDeviceMountRefs names the other references: copies under a container rootfs or in another namespace.',
      check: mountLeak,
      branches: go('stuck-removal', { confirmed: 'holder-dead', inconclusive: 'holder-dead' }),
    }),
    step({
      id: 'holder-dead',
      title: 'Is the holder a dead container?',
      why: 'A dead container stuck in removal never releases its copies.',
      check: leakHolderDead,
      branches: go('stuck-removal', { confirmed: DECIDE }),
    }),
    step({
      id: 'stuck-removal',
      title: 'Are containers stuck in removal?',
      why: 'Dead containers whose rootfs is busy block pod deletion.',
      check: stuckRemoval,
      branches: go('runc'),
    }),
    step({
      id: 'runc',
      title: 'Do runc processes linger?',
      why: 'runc create/start exits in seconds; old runc processes block container creation.',
      check: runcLingering,
      branches: go('cgroup-ids', { confirmed: 'systemd' }),
    }),
    step({
      id: 'systemd',
      title: 'Does systemd answer on D-Bus?',
      why: 'Seed E: runc was blocked writing to the systemd bus.',
      check: systemdAnswers,
      branches: go('cgroup-ids', { confirmed: DECIDE }),
    }),
    step({
      id: 'cgroup-ids',
      title: 'Is the cgroup id space exhausted?',
      why: 'Pod sandboxes need a new memory cgroup: mkdir fails with ENOSPC at 65,535 ids.',
      check: cgroupIds,
      branches: go(DECIDE, { confirmed: 'kmem' }),
    }),
    step({
      id: 'kmem',
      title: 'Is kmem accounting on a leaking kernel?',
      why: "Kernel memory accounting on 3.10 keeps deleted cgroups' ids: the leak behind the exhaustion.",
      check: kmemRisk,
      branches: go(DECIDE),
    }),
  ],
  decisions: [
    { conclusion: 'mount-leak-dead-container', when: { 'mount-leak': YES_OR_MAYBE, 'holder-dead': YES } },
    { conclusion: 'systemd-dbus-hang', when: { runc: YES, systemd: YES } },
    { conclusion: 'memcg-id-leak-kmem', when: { 'cgroup-ids': YES, kmem: YES_OR_MAYBE } },
  ],
};
