import { cgroupIdExhaustion } from './cgroup-id-exhaustion.ts';
import { containerStuckRemoval } from './container-stuck-removal.ts';
import type { Detector } from './detector.ts';
import { diskIoErrors } from './disk-io-errors.ts';
import { filesystemShutdown } from './filesystem-shutdown.ts';
import { fleetOutlier } from './fleet-outlier.ts';
import { hungTask } from './hung-task.ts';
import { kernelThreadFlood } from './kernel-thread-flood.ts';
import { kmemAccountingRisk } from './kmem-accounting-risk.ts';
import { kubeletRestartLoop } from './kubelet-restart-loop.ts';
import { mountPropagationLeak } from './mount-propagation-leak.ts';
import { plegUnhealthy } from './pleg-unhealthy.ts';
import { pressureStall } from './pressure-stall.ts';
import { runcStuck } from './runc-stuck.ts';
import { runtimeSlow } from './runtime-slow.ts';
import { slabAllocationFailure } from './slab-allocation-failure.ts';
import { systemdUnresponsive } from './systemd-unresponsive.ts';
import { volumeTeardownStuck } from './volume-teardown-stuck.ts';

/** Every detector, one per rule id, in RULE_IDS order. */
export const DETECTORS: readonly Detector[] = [
  mountPropagationLeak,
  kernelThreadFlood,
  volumeTeardownStuck,
  containerStuckRemoval,
  diskIoErrors,
  filesystemShutdown,
  hungTask,
  plegUnhealthy,
  runtimeSlow,
  pressureStall,
  kubeletRestartLoop,
  slabAllocationFailure,
  cgroupIdExhaustion,
  kmemAccountingRisk,
  systemdUnresponsive,
  runcStuck,
  fleetOutlier,
];
