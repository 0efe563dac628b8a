import { diskErrors, fsShutdown, slabFailures } from '../checks/disk-checks.ts';
import { kubeletRestarts } from '../checks/kubelet-checks.ts';
import { chainOf, type ConclusionDef, has, n } from './conclusion-def.ts';

/** Seed C: a failing disk, its filesystem shut down, kubelet exiting on EIO in a restart loop. */
export const diskFailureKubeletExits: ConclusionDef = {
  id: 'disk-failure-kubelet-exits',
  title: 'Failing disk: filesystem shut down, kubelet exits on I/O errors',
  priority: 90,
  rules: [
    'slab-allocation-failure',
    'disk-io-errors',
    'filesystem-shutdown',
    'kubelet-restart-loop',
    'hung-task',
    'kmem-accounting-risk',
  ],
  fill: (ctx) => {
    const disk = ctx.check(diskErrors).facts;
    const fs = ctx.check(fsShutdown).facts;
    const slab = ctx.check(slabFailures);
    const kubelet = ctx.check(kubeletRestarts);
    const dev = n(fs.device ?? disk.topDevice);
    const isXfs = fs.xfs === true;
    const mount = has(fs.mount) ? fs.mount : has(disk.topMount) ? disk.topMount : '<mount point>';
    return {
      chain: chainOf(
        slab.verdict === 'confirmed' &&
          `The kernel failed to allocate memory (SLUB, ${n(slab.facts.cache)}) ${has(slab.facts.leadTime) ? `${slab.facts.leadTime} before the first I/O error` : 'alongside the I/O errors'}`,
        `Disk ${dev} fails: ${n(disk.errors)} kernel I/O errors on ${n(disk.deviceCount)} devices (${n(disk.topDevice)}: ${n(disk.topErrors)})`,
        `${isXfs ? 'XFS' : 'The filesystem'} on ${dev} (mounted at ${mount}) shut down: every read and write on it now returns EIO`,
        (disk.ioErrorPaths as number) > 0 &&
          `${n(disk.ioErrorPaths)} paths fail with input/output error in kubelet and runtime logs, e.g. ${n(disk.firstPath)}`,
        kubelet.verdict === 'confirmed'
          ? `kubelet exits because it cannot write its log or read its certificate on the failed filesystem (${n(kubelet.facts.lastFatal)}); systemd restarts it ${n(kubelet.facts.restarts)} times in ${n(kubelet.facts.window)} (${n(kubelet.facts.statuses)}): the node is NotReady`
          : kubelet.verdict === 'unknown'
            ? `Whether kubelet exits on it is unknown (${kubelet.reason.split(':')[1]?.split('.')[0]?.trim() || 'no kubelet log'}); everything that writes to the failed filesystem fails`
            : 'kubelet has not exited yet, but everything that writes to the failed filesystem fails',
      ),
      remediation: [
        {
          command: 'kubectl drain <node> --ignore-daemonsets --delete-emptydir-data',
          risk: 'medium',
          note: 'Move the workloads off first: the filesystem will not come back without unmounting it.',
          verify: '`kubectl get pods -A --field-selector spec.nodeName=<node>` lists only DaemonSet pods.',
        },
        {
          command: `umount ${mount} && ${isXfs ? `xfs_repair -n /dev/${dev}` : `fsck -n /dev/${dev}`}`,
          risk: 'low',
          note: `Read-only check of the failed filesystem (the seed's \`xfs_repair -n\` reported bad nblocks). Check the device itself too (cloud console, \`smartctl -a /dev/${dev}\`).`,
          verify: `The dry run lists the damage; \`dmesg -T | grep -c 'I/O error'\` stops growing.`,
        },
        {
          command: isXfs ? `xfs_repair /dev/${dev}` : `fsck -y /dev/${dev}`,
          risk: 'high',
          note: `Repairs metadata in place; on a failing disk replace or snapshot it first. ${isXfs ? '`xfs_repair -L` (zeroing the log) loses the latest metadata changes: last resort only.' : ''}`.trim(),
          verify: `\`mount ${mount} && ls ${mount}\` works; \`systemctl is-active kubelet\` stays active for 10 minutes.`,
        },
      ],
      followUps: [
        'Alert on any kernel I/O error per device (disk-io-errors) and on filesystem shutdown or read-only remount.',
        'Alert on kubelet restarts: more than 2 in 10 minutes.',
        "Keep kubelet's log and certificate directories off data disks, so a data disk failure cannot take kubelet down.",
      ],
    };
  },
};
