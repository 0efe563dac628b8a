import { cgroupIds, kmemRisk } from '../checks/cgroup-checks.ts';
import { diskErrors, fsShutdown } from '../checks/disk-checks.ts';
import { ioPressure, runcLingering, runtimeDeadlines, systemdAnswers } from '../checks/runtime-checks.ts';
import { DECIDE } from '../types.ts';
import { go, type PlaybookDef, step, YES, YES_OR_MAYBE } from './playbook-def.ts';

export const containersFailToStart: PlaybookDef = {
  id: 'containers-fail-to-start',
  title: 'Containers fail to start',
  symptom: 'new containers never start or fail at creation',
  entry: {
    text: 'runc lingering, systemd not answering, cgroup id exhaustion, runtime timeouts, or I/O errors on container paths',
    rules: ['runc-stuck', 'systemd-unresponsive', 'cgroup-id-exhaustion', 'runtime-slow'],
    metrics: [],
    also: {
      text: 'input/output errors on paths in the kubelet or runtime log',
      test: (ctx) =>
        ((ctx.details<{ ioErrorPaths: unknown[] }>('disk-io-errors')?.ioErrorPaths ?? []) as unknown[])
          .length > 0,
    },
  },
  steps: [
    step({
      id: 'runc',
      title: 'Do runc processes linger?',
      why: 'runc create/start exits in seconds; lingering runc means creation blocks on something.',
      check: runcLingering,
      branches: go('cgroup-ids', { confirmed: 'systemd' }),
    }),
    step({
      id: 'systemd',
      title: 'Does systemd answer on D-Bus?',
      why: 'With the systemd cgroup driver runc asks PID 1 for a scope per container.',
      check: systemdAnswers,
      branches: go('cgroup-ids', { confirmed: DECIDE }),
    }),
    step({
      id: 'cgroup-ids',
      title: 'Is the cgroup id space exhausted?',
      why: 'Sandbox creation fails with ENOSPC when no memory cgroup id is left.',
      check: cgroupIds,
      branches: go('io-errors', { confirmed: 'kmem' }),
    }),
    step({
      id: 'kmem',
      title: 'Is kmem accounting on a leaking kernel?',
      why: 'The usual leak behind the exhaustion on 3.10 kernels.',
      check: kmemRisk,
      branches: go(DECIDE),
    }),
    step({
      id: 'io-errors',
      title: 'Do container paths fail with I/O errors?',
      why: 'Seed C: `stat /data/docker_volumes/…: input/output error` on a failed disk.',
      check: diskErrors,
      branches: go('runtime-deadlines', { confirmed: 'fs-shutdown' }),
    }),
    step({
      id: 'fs-shutdown',
      title: 'Did the filesystem shut down?',
      why: 'A shut down filesystem fails every container that mounts from it.',
      check: fsShutdown,
      branches: go('runtime-deadlines', { confirmed: DECIDE }),
    }),
    step({
      id: 'runtime-deadlines',
      title: 'Are runtime calls timing out?',
      why: 'A runtime blocked on I/O times out creating containers too.',
      check: runtimeDeadlines,
      branches: go('io-pressure'),
    }),
    step({
      id: 'io-pressure',
      title: 'Is disk I/O saturated?',
      why: 'Saturated I/O behind runtime timeouts points at image pulls and overlay syncs.',
      check: ioPressure,
      branches: go(DECIDE),
    }),
  ],
  decisions: [
    { conclusion: 'systemd-dbus-hang', when: { runc: YES, systemd: YES } },
    { conclusion: 'memcg-id-leak-kmem', when: { 'cgroup-ids': YES, kmem: YES_OR_MAYBE } },
    { conclusion: 'disk-failure-kubelet-exits', when: { 'io-errors': YES, 'fs-shutdown': YES } },
    { conclusion: 'runtime-io-contention', when: { 'runtime-deadlines': YES, 'io-pressure': YES } },
  ],
};
