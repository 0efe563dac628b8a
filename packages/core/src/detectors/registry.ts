import { RULE_IDS, type RuleId } from '../model/rule-id.ts';
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

/**
 * One detector per catalogued rule: the Record type makes a catalogue entry without a detector
 * (or a detector for an unknown id) a compile error.
 */
export const DETECTOR_BY_RULE: { readonly [R in RuleId]: Detector<R> } = {
  'mount-propagation-leak': mountPropagationLeak,
  'kernel-thread-flood': kernelThreadFlood,
  'volume-teardown-stuck': volumeTeardownStuck,
  'container-stuck-removal': containerStuckRemoval,
  'disk-io-errors': diskIoErrors,
  'filesystem-shutdown': filesystemShutdown,
  'hung-task': hungTask,
  'pleg-unhealthy': plegUnhealthy,
  'runtime-slow': runtimeSlow,
  'pressure-stall': pressureStall,
  'kubelet-restart-loop': kubeletRestartLoop,
  'slab-allocation-failure': slabAllocationFailure,
  'cgroup-id-exhaustion': cgroupIdExhaustion,
  'kmem-accounting-risk': kmemAccountingRisk,
  'systemd-unresponsive': systemdUnresponsive,
  'runc-stuck': runcStuck,
  'fleet-outlier': fleetOutlier,
};

/** Every detector, in catalogue order (the order findings of equal severity are listed in). */
export const DETECTORS: readonly Detector[] = RULE_IDS.map((id) => DETECTOR_BY_RULE[id]);
