import { leakHolderDead, mountLeak, journalThreads, unmountRetries } from '../checks/mount-checks.ts';
import { kubeletUsage } from '../checks/kubelet-checks.ts';
import type { Remediation } from '../types.ts';
import { approx, chainOf, type ConclusionDef, has, n } from './conclusion-def.ts';

/** Seed A: a HostToContainer mount of host `/` in a container that died and cannot be removed. */
export const mountLeakDeadContainer: ConclusionDef = {
  id: 'mount-leak-dead-container',
  title: 'Mount leak through a dead container with HostToContainer propagation',
  priority: 100,
  rules: [
    'mount-propagation-leak',
    'container-stuck-removal',
    'kernel-thread-flood',
    'volume-teardown-stuck',
    'fleet-outlier',
    'disk-io-errors',
    'filesystem-shutdown',
  ],
  fill: (ctx) => {
    const leak = ctx.check(mountLeak).facts;
    const dead = ctx.check(leakHolderDead).facts;
    const threads = ctx.check(journalThreads).facts;
    const retry = ctx.check(unmountRetries).facts;
    const kubelet = ctx.check(kubeletUsage).facts;

    const who =
      has(leak.ownerKind) && has(leak.ownerName)
        ? `A ${leak.ownerKind} (${leak.ownerName}; pod ${n(leak.pod)} in ${n(leak.namespace)})`
        : has(leak.pod)
          ? `Pod ${leak.pod} in ${n(leak.namespace)}`
          : 'A container';
    const mountsRoot = has(leak.bindTarget)
      ? `${who} mounts host / at ${leak.bindTarget} with HostToContainer propagation: every volume mounted on the host afterwards propagates into its container`
      : `${who} receives host volume mounts by propagation (HostToContainer)`;
    const busy = typeof dead.error === 'string' && /device or resource busy/.test(dead.error);
    const died = `Its container ${n(dead.containerId ?? leak.containerId)} died and is stuck in ${n(dead.status ?? 'removal')}${busy ? ': the storage driver cannot remove its rootfs (device or resource busy)' : ''}`;
    const leaked = `${n(leak.devices)} CSI disks' mounts leaked into its rootfs: ${n(leak.copies)} mount records under ${n(leak.rootfs)}, which kubelet can no longer unmount`;
    const journal =
      has(threads.journalThreads) &&
      (threads.journalThreads as number) > 0 &&
      `${n(threads.journalThreads)} jbd2/ext4 kernel threads, one journal set per leaked disk (${n(threads.kernelThreads)} kernel threads of ${n(threads.tasks)} tasks)`;
    const cpu = typeof kubelet.cpu === 'number' ? kubelet.cpu : undefined;
    const peers = has(kubelet.peerCpuMedian) ? `; peers' median ${n(kubelet.peerCpuMedian)}%` : '';
    const retryDetail = has(retry.failures)
      ? `${n(retry.failures)} GetDeviceMountRefs failures${has(retry.peakPerMinute) ? `, ${n(retry.peakPerMinute)}/min at peak` : ''}${has(retry.backoff) ? `, backing off to ${retry.backoff}` : ''}`
      : undefined;
    const kubeletLink =
      cpu !== undefined
        ? `kubelet retrying unmounts at ~${approx(cpu)}% CPU (${n(cpu)}% measured${peers}${retryDetail ? `; ${retryDetail}` : ''})`
        : retryDetail && `kubelet retrying unmounts: ${retryDetail}`;

    const plan = (ctx.details<{
      umountPlan: { commandTotal: number; commands: string[]; bulkCommand?: string; followUp?: string }[];
    }>('mount-propagation-leak')?.umountPlan ?? [])[0];
    const rootfs = n(leak.rootfs);
    const remediation: Remediation[] = [];
    if (plan) {
      remediation.push({
        command: plan.bulkCommand ?? plan.commands[0] ?? `umount <each leaked path under ${rootfs}>`,
        risk: 'medium',
        note: `The umount plan: unmount the ${n(plan.commandTotal)} leaked copies under the dead container's rootfs, deepest first (full list: \`nodescope mounts <bundle> --umount-plan\`). Only the dead container's view is touched; the host mounts stay.`,
        verify: `\`grep -c '${rootfs}/' /proc/1/mountinfo\` prints 0; \`ps -e | grep -c jbd2\` and kubelet CPU fall back to the peers' level within minutes.`,
      });
      if (plan.followUp)
        remediation.push({
          command: plan.followUp,
          risk: 'low',
          note: 'With its mounts gone the runtime can finally remove the dead container.',
          verify: `\`docker ps -a --filter id=${n(leak.containerId)}\` lists nothing.`,
        });
    }
    if (has(leak.ownerName)) {
      remediation.push({
        command: `kubectl -n ${n(leak.namespace)} edit ${String(leak.ownerKind ?? 'daemonset').toLowerCase()} ${leak.ownerName}   # volumeMounts[].mountPropagation: HostToContainer -> None, or mount only the log directories instead of host /`,
        risk: 'medium',
        note: "Fix the DaemonSet's propagation so the next dead container cannot pin the host's volumes again. Rolls its pods on every node.",
        verify: `\`kubectl -n ${n(leak.namespace)} get ${String(leak.ownerKind ?? 'daemonset').toLowerCase()} ${leak.ownerName} -o yaml | grep -c HostToContainer\` prints 0.`,
      });
    }
    return {
      chain: chainOf(mountsRoot, died, leaked, journal, kubeletLink),
      remediation,
      followUps: [
        'Alert on leaked mounts: mounts.leaked or mounts.under_container_rootfs above 0 on any node.',
        'Alert on kernel threads: threads.kernel above 3,000 or 3x the pool median.',
        'Alert on containers in Removal In Progress for more than 10 minutes.',
        'Audit workloads that mount host / with HostToContainer or Bidirectional propagation.',
      ],
    };
  },
};
