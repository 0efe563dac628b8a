import type { ConclusionId } from '../types.ts';
import type { ConclusionDef } from './conclusion-def.ts';
import { diskFailureKubeletExits } from './disk-failure-kubelet-exits.ts';
import { memcgIdLeakKmem } from './memcg-id-leak-kmem.ts';
import { mountLeakDeadContainer } from './mount-leak-dead-container.ts';
import { causeNotFound, insufficientData, noProblemFound } from './non-answers.ts';
import { runtimeIoContention } from './runtime-io-contention.ts';
import { systemdDbusHang } from './systemd-dbus-hang.ts';

export type { ConclusionDef } from './conclusion-def.ts';

/** Every conclusion by id, highest priority first. */
export const CONCLUSIONS: Record<ConclusionId, ConclusionDef> = {
  'mount-leak-dead-container': mountLeakDeadContainer,
  'disk-failure-kubelet-exits': diskFailureKubeletExits,
  'memcg-id-leak-kmem': memcgIdLeakKmem,
  'systemd-dbus-hang': systemdDbusHang,
  'runtime-io-contention': runtimeIoContention,
  'cause-not-found': causeNotFound,
  'insufficient-data': insufficientData,
  'no-problem-found': noProblemFound,
};

/** Conclusions that name a root cause (the rest are honest non-answers). */
export function isRootCause(id: ConclusionId): boolean {
  return id !== 'cause-not-found' && id !== 'insufficient-data' && id !== 'no-problem-found';
}
