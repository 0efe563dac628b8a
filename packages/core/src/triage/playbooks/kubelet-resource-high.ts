import { kubeletUsage, peerComparison } from '../checks/kubelet-checks.ts';
import { journalThreads, leakHolderDead, mountLeak, unmountRetries } from '../checks/mount-checks.ts';
import { tt } from '../triage-thresholds.ts';
import { DECIDE } from '../types.ts';
import { go, type PlaybookDef, step, YES, YES_OR_MAYBE } from './playbook-def.ts';

export const kubeletResourceHigh: PlaybookDef = {
  id: 'kubelet-resource-high',
  title: 'kubelet CPU or memory far above normal',
  symptom: 'kubelet burns CPU or memory far above its peers while the load average looks normal',
  entry: {
    text: 'kubelet CPU ≥ 200% or RSS ≥ 2 GiB, kubelet metrics far from the peers, a kernel thread flood or a volume teardown retry storm',
    rules: ['kernel-thread-flood', 'volume-teardown-stuck'],
    metrics: [
      { metric: 'kubelet.cpu_percent', op: '>=', threshold: tt('kubeletCpuPercent') },
      { metric: 'kubelet.rss_bytes', op: '>=', threshold: tt('kubeletRssBytes') },
    ],
    also: {
      text: 'fleet-outlier on a kubelet metric',
      test: (ctx) =>
        (
          (ctx.details<{ outliers: { metric: string }[] }>('fleet-outlier')?.outliers ?? []) as {
            metric: string;
          }[]
        ).some((o) => o.metric.startsWith('kubelet.')),
    },
  },
  steps: [
    step({
      id: 'kubelet-usage',
      title: 'How far above normal is kubelet?',
      why: 'Sets the scale of the symptom with its number, for the ticket and to check the fix against.',
      check: kubeletUsage,
      decisive: false,
      branches: go('peers'),
    }),
    step({
      id: 'peers',
      title: 'What stands out against the pool peers?',
      why: 'Seed A was found by comparing with healthy peers: kubelet CPU 2,022% against 26.7%, 20,135 tasks.',
      check: peerComparison,
      decisive: false,
      branches: go('unmount-retries'),
    }),
    step({
      id: 'unmount-retries',
      title: 'Is kubelet retrying volume unmounts?',
      why: '80% of kubelet CPU in seed A was GetDeviceMountRefs retries: each retry walks every mount of the node.',
      check: unmountRetries,
      branches: go('mount-leak', { 'ruled-out': 'kernel-threads' }),
    }),
    step({
      id: 'mount-leak',
      title: 'Are host volume mounts held by a container rootfs or another namespace?',
      why: 'A mount copy under a container rootfs is the "other reference" that makes GetDeviceMountRefs fail forever.',
      check: mountLeak,
      branches: go('kernel-threads', { confirmed: 'holder-dead', inconclusive: 'holder-dead' }),
    }),
    step({
      id: 'holder-dead',
      title: 'Is the holder a dead container that cannot be removed?',
      why: 'A live holder releases its copies when it stops; a dead one stuck in removal never does.',
      check: leakHolderDead,
      branches: go('kernel-threads'),
    }),
    step({
      id: 'kernel-threads',
      title: 'Do kernel threads pile up (jbd2 / ext4 per device)?',
      why: 'Every leaked ext4 mount keeps its journal threads; tens of thousands slow ps, cAdvisor and kubelet.',
      check: journalThreads,
      branches: go(DECIDE),
    }),
  ],
  decisions: [
    { conclusion: 'mount-leak-dead-container', when: { 'mount-leak': YES_OR_MAYBE, 'holder-dead': YES } },
  ],
};
