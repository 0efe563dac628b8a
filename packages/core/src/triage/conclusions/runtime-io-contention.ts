import { ioPressure, plegRelist, runtimeDeadlines } from '../checks/runtime-checks.ts';
import { chainOf, type ConclusionDef, has, n } from './conclusion-def.ts';

/** Seed B: overlay umount syncs and containerd's bbolt fsync under saturated disk I/O stall PLEG. */
export const runtimeIoContention: ConclusionDef = {
  id: 'runtime-io-contention',
  title: 'Container runtime stalled by disk I/O contention (PLEG not healthy)',
  priority: 60,
  rules: ['pressure-stall', 'runtime-slow', 'pleg-unhealthy', 'hung-task', 'fleet-outlier'],
  fill: (ctx) => {
    const io = ctx.check(ioPressure).facts;
    const rt = ctx.check(runtimeDeadlines);
    const pleg = ctx.check(plegRelist).facts;
    return {
      chain: chainOf(
        has(io.ioSome) &&
          `Disk I/O is saturated: tasks stalled on I/O ${n(io.ioSome)}% of the time${has(io.ioFull) ? ` (all tasks ${n(io.ioFull)}%)` : ''} (PSI io avg10)`,
        rt.verdict === 'confirmed' &&
          `Overlay umount forces a sync of dirty pages and containerd's bbolt writer waits in fsync, so runtime calls time out: ${n(rt.facts.deadlines)} deadline-exceeded errors, ${n(rt.facts.taskExit)} TaskExit handling failures`,
        has(pleg.maxGap) &&
          `ListContainers blocks behind the status lock, PLEG relist stalls: longest gap ${pleg.maxGap} s (${n(pleg.gapFrom)} -> ${n(pleg.gapTo)}) against a median of ${n(pleg.medianGap)} s`,
        has(pleg.notHealthy) &&
          `PLEG is not healthy ${n(pleg.notHealthy)} times${has(pleg.staleness) ? ` (last active ${pleg.staleness} s ago; threshold 180 s)` : ''}: the node flaps NotReady`,
      ),
      remediation: [
        {
          command:
            'In /etc/containerd/config.toml, under [plugins."io.containerd.snapshotter.v1.overlayfs"], set mount_options = ["volatile"]; then systemctl restart containerd',
          risk: 'medium',
          note: 'The overlay `volatile` mount option (containerd PR #8676) skips the sync on overlay umount, which is what blocks the runtime. An upper dir is then not crash-safe: after a node crash its containers must be recreated. Needs kernel >= 5.10 and a containerd with the option.',
          verify:
            '`mount -t overlay | grep -c volatile` counts new containers; `journalctl -u kubelet --since -15min | grep -c "PLEG is not healthy"` prints 0.',
        },
        {
          command: 'iostat -x 1 5   # utilisation and await of the image and container disks',
          risk: 'low',
          note: 'Check I/O capacity: if the disk is saturated by image pulls and unpacks, serialise pulls (kubelet serializeImagePulls / maxParallelImagePulls) and give the runtime root a faster disk or more IOPS.',
          verify: '`cat /proc/pressure/io` shows some avg10 below 20.',
        },
      ],
      followUps: [
        'Alert on I/O pressure: psi.io.some.avg10 above 20% for 5 minutes.',
        'Alert on PLEG relist gaps above 10 s (pleg.relist_max_gap_s), before the 3-minute NotReady threshold.',
        'Alert on container runtime deadline errors per minute (log.rate.runtime-slow).',
      ],
    };
  },
};
