import type { ScenarioName } from '../model/scenario-name.ts';
import { cgroupKmemLeak } from './cgroup-kmem-leak.ts';
import { mountLeak } from './mount-leak.ts';
import { plegIoPressure } from './pleg-io-pressure.ts';
import type { ScenarioHooks } from './scenario-hooks.ts';
import { systemdHang } from './systemd-hang.ts';
import { xfsIoErrors } from './xfs-io-errors.ts';

const HEALTHY: ScenarioHooks = {};

const REGISTRY: Record<ScenarioName, ScenarioHooks> = {
  healthy: HEALTHY,
  'mount-leak': mountLeak,
  'pleg-io-pressure': plegIoPressure,
  'xfs-io-errors': xfsIoErrors,
  'cgroup-kmem-leak': cgroupKmemLeak,
  'systemd-hang': systemdHang,
};

export function scenarioHooks(name: ScenarioName): ScenarioHooks {
  return REGISTRY[name];
}
