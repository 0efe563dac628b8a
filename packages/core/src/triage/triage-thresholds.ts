import { th } from '../detectors/thresholds.ts';

/**
 * The numbers triage steps compare metrics against, each with why. Where a detector already
 * has the threshold it is reused, so a step and its rule never disagree.
 */
export const TRIAGE_THRESHOLDS = {
  kubeletCpuPercent: {
    value: 200,
    reason: 'kubelet normally runs well under one core (seed A peers: 26.7%); two cores sustained is a loop',
  },
  kubeletRssBytes: {
    value: 2 * 1024 ** 3,
    reason: 'kubelet RSS stays under 1 GiB on a busy node (seed A peers: ~700 MB; the sick node 8.6 GB)',
  },
  kernelThreads: { value: th('kernelThreadsWarning'), reason: 'see thresholds.ts kernelThreadsWarning' },
  leakedCopies: { value: th('leakedCopiesWarning'), reason: 'see thresholds.ts leakedCopiesWarning' },
  plegGapSeconds: { value: th('plegRelistGapWarning'), reason: 'see thresholds.ts plegRelistGapWarning' },
  psiIoSome: { value: th('psiIoSomeWarning'), reason: 'see thresholds.ts psiIoSomeWarning' },
  systemdPingMs: { value: th('systemdPingWarningMs'), reason: 'see thresholds.ts systemdPingWarningMs' },
  cgroupIdRatio: { value: th('cgroupIdWarningRatio'), reason: 'see thresholds.ts cgroupIdWarningRatio' },
  teardownPerMin: { value: th('retryStormPerMin'), reason: 'see thresholds.ts retryStormPerMin' },
} as const;

export function tt(name: keyof typeof TRIAGE_THRESHOLDS): number {
  return TRIAGE_THRESHOLDS[name].value;
}
