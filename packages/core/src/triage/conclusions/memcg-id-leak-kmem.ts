import { cgroupIds, kmemRisk } from '../checks/cgroup-checks.ts';
import { slabFailures } from '../checks/disk-checks.ts';
import { chainOf, type ConclusionDef, has, n } from './conclusion-def.ts';

/** Seed D: kmem accounting on kernel 3.10 keeps deleted memory cgroups' ids until the id space runs out. */
export const memcgIdLeakKmem: ConclusionDef = {
  id: 'memcg-id-leak-kmem',
  title: 'Memory cgroup id leak from kmem accounting on an old kernel',
  priority: 80,
  rules: ['kmem-accounting-risk', 'cgroup-id-exhaustion', 'slab-allocation-failure', 'fleet-outlier'],
  fill: (ctx) => {
    const kmem = ctx.check(kmemRisk).facts;
    const cg = ctx.check(cgroupIds).facts;
    const slab = ctx.check(slabFailures);
    const ratio =
      typeof cg.topCount === 'number' && typeof cg.limit === 'number' ? cg.topCount / cg.limit : undefined;
    return {
      chain: chainOf(
        `Kernel memory accounting is on (${n(kmem.how)}) on kernel ${n(kmem.kernel)}, where a deleted memory cgroup keeps its id while kernel memory is charged to it`,
        has(cg.topCount) &&
          `Deleted cgroups are not freed: /proc/cgroups counts ${n(cg.topSubsys)} ${n(cg.topCount)}${has(cg.topDirs) ? ` against ${n(cg.topDirs)} directories` : ''}${ratio !== undefined ? ` (${n(Math.round(ratio * 10) / 10)}x the ${n(cg.limit)} id limit)` : ''}, while memory shows ${n(cg.memoryCount)}`,
        `The ${n(cg.limit)} memory cgroup id space runs out: creating pod cgroups fails with "no space left on device"${has(cg.enospc) ? ` (${n(cg.enospc)} times)` : ''}, so pod sandboxes cannot be created`,
        slab.verdict === 'confirmed' &&
          `Per-cgroup slab allocations fail (SLUB, ${n(slab.facts.cache)}, ${n(slab.facts.count)} times): applications crash and the node degrades`,
      ),
      remediation: [
        {
          command: 'kubectl drain <node> --ignore-daemonsets --delete-emptydir-data && reboot',
          risk: 'medium',
          note: 'Only a reboot frees the leaked ids on this kernel.',
          verify:
            '`cat /proc/cgroups` counts are close to the directory counts (`find /sys/fs/cgroup/memory -type d | wc -l`).',
        },
        {
          command: 'grubby --update-kernel=ALL --args="cgroup.memory=nokmem"   # then reboot',
          risk: 'medium',
          note: 'Turns kmem accounting off at boot, so the leak cannot start again (needs a kernel that knows the option: 3.10.0-1062+ on EL7).',
          verify:
            '`grep -c nokmem /proc/cmdline` prints 1; `memory.kmem.slabinfo` is no longer readable under kubepods.',
        },
        {
          command:
            'Upgrade the kernel (>= 4.6 upstream, or the vendor kernel with the memcg fixes), or run kubelet/runc built with the nokmem tag',
          risk: 'low',
          note: "Kubelet 1.9's runc enabled kmem limits by default; newer builds do not.",
          verify:
            '`uname -r` shows the new kernel; `/proc/cgroups` memory count follows pod churn up and down.',
        },
      ],
      followUps: [
        'Alert on cgroup counts per hierarchy above 70% of 65,535 (cgroups.<subsys>) and on counts far above the directories.',
        'Alert on "no space left on device" from cgroup mkdir in the kubelet log.',
        'Inventory kernels with kmem accounting active (kmem-accounting-risk) across the fleet.',
      ],
    };
  },
};
