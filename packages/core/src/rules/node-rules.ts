import { rule } from './rule-spec.ts';

/** Stalls, kubelet and the runtime, kernel memory and cgroups, systemd, and the fleet. */
export const NODE_RULES = [
  rule({
    id: 'hung-task',
    label: 'hung tasks',
    title: 'Hung tasks',
    severity: 'warning',
    meaning:
      'Tasks blocked for more than the hung-task timeout, or many processes in uninterruptible sleep (D state) at once: storage or a kernel lock is wedged, and load climbs while the CPUs idle.',
    thresholds: ['hungTaskReportsCritical', 'dStateWarning', 'dStateCritical'],
    remediation: [
      { action: "ps -eo pid,stat,wchan:32,args | awk '$2 ~ /^D/'; cat /proc/<pid>/stack", risk: 'low' },
      {
        action: 'echo w > /proc/sysrq-trigger   # every blocked task with its stack, into dmesg',
        risk: 'low',
      },
      { action: 'reboot when the tasks wait on a device that is gone', risk: 'high' },
    ],
    probes: ['dmesg', 'processes'],
  }),
  rule({
    id: 'pleg-unhealthy',
    label: 'PLEG unhealthy',
    title: 'PLEG unhealthy',
    severity: 'warning',
    meaning:
      "kubelet's pod lifecycle event generator cannot relist containers in time (PLEG is not healthy, relist gaps, relist failures). Past 3 minutes the node turns NotReady.",
    thresholds: ['plegRelistGapWarning', 'plegRelistGapCritical'],
    remediation: [
      { action: 'time crictl ps -a | wc -l   # how slow and how many containers', risk: 'low' },
      {
        action: 'crictl rm $(crictl ps -a -q --state exited)   # fewer containers to relist',
        risk: 'medium',
      },
      { action: 'systemctl restart containerd', risk: 'high' },
    ],
    probes: ['kubelet-log'],
  }),
  rule({
    id: 'runtime-slow',
    label: 'runtime slow',
    title: 'Container runtime calls timing out',
    severity: 'warning',
    meaning:
      'Calls to the container runtime time out (context deadline exceeded) or it fails to handle TaskExit events: pods cannot be created or stopped reliably, often because the runtime waits on I/O.',
    thresholds: ['runtimeSlowCritical', 'psiIoSomeWarning'],
    remediation: [
      { action: 'time crictl info; cat /proc/pressure/io', risk: 'low' },
      { action: 'iostat -x 1 5   # which disk is saturated', risk: 'low' },
      {
        action: "move the I/O-heavy workload or the runtime's state directory to another disk",
        risk: 'medium',
      },
    ],
    probes: ['kubelet-log', 'runtime-log', 'psi'],
  }),
  rule({
    id: 'pressure-stall',
    label: 'PSI stall',
    title: 'Pressure stall (PSI)',
    severity: 'warning',
    meaning:
      'Tasks spend a large share of time stalled on I/O, memory or CPU (/proc/pressure, avg10): latency-sensitive calls start timing out.',
    thresholds: [
      'psiIoSomeWarning',
      'psiIoSomeCritical',
      'psiIoFullWarning',
      'psiIoFullCritical',
      'psiMemorySomeWarning',
      'psiMemorySomeCritical',
      'psiMemoryFullWarning',
      'psiMemoryFullCritical',
      'psiCpuSomeWarning',
      'psiCpuSomeCritical',
    ],
    remediation: [
      { action: 'cat /proc/pressure/io /proc/pressure/memory /proc/pressure/cpu', risk: 'low' },
      { action: 'pidstat -d -r 1 5   # who reads, writes or reclaims', risk: 'low' },
      { action: 'limit or evict the heaviest workload (resource limits, kubectl drain)', risk: 'medium' },
    ],
    probes: ['psi'],
  }),
  rule({
    id: 'kubelet-restart-loop',
    label: 'kubelet restarts',
    title: 'kubelet restart loop',
    severity: 'warning',
    meaning:
      'kubelet exits and systemd restarts it again and again (fatal errors, "Exiting because of error", scheduled restarts): the node flaps and pods are re-synced each time.',
    thresholds: ['kubeletRestartsWarning', 'kubeletRestartsCritical'],
    remediation: [
      { action: "journalctl -u kubelet -b | grep -m1 -B20 -iE 'exiting|^F[0-9]{4}'", risk: 'low' },
      { action: 'systemctl status kubelet', risk: 'low' },
      { action: 'fix what the last fatal line names, then systemctl restart kubelet', risk: 'medium' },
    ],
    probes: ['kubelet-log'],
  }),
  rule({
    id: 'slab-allocation-failure',
    label: 'slab alloc fail',
    title: 'Kernel slab allocation failures',
    severity: 'warning',
    meaning:
      'SLUB cannot allocate kernel memory (also per memory cgroup caches) or a page allocation fails: allocations inside the kernel fail, I/O paths next.',
    thresholds: ['slabFailuresCritical'],
    remediation: [
      { action: "slabtop -o | head -20; grep -E 'Slab|SUnreclaim' /proc/meminfo", risk: 'low' },
      {
        action: 'echo 2 > /proc/sys/vm/drop_caches   # frees reclaimable slab, costs an I/O burst',
        risk: 'medium',
      },
      { action: 'cordon, drain and reboot the node', risk: 'high' },
    ],
    probes: ['dmesg'],
  }),
  rule({
    id: 'cgroup-id-exhaustion',
    label: 'cgroup ids',
    title: 'Cgroup id exhaustion',
    severity: 'warning',
    meaning:
      'A cgroup hierarchy nears the 65,535 id limit, cgroup mkdir fails with "no space left on device", dying cgroups pile up, or the counts disagree with the directories: new pod sandboxes fail to start.',
    thresholds: [
      'cgroupIdLimit',
      'cgroupIdWarningRatio',
      'cgroupIdCriticalRatio',
      'cgroupMismatchMinimum',
      'cgroupMismatchRatio',
      'cgroupDyingWarning',
      'cgroupDyingCritical',
    ],
    remediation: [
      { action: 'cat /proc/cgroups; cat /sys/fs/cgroup/cgroup.stat', risk: 'low' },
      {
        action: 'echo 3 > /proc/sys/vm/drop_caches   # page cache pins dying memory cgroups',
        risk: 'medium',
      },
      { action: 'reboot with cgroup.memory=nokmem on kernels older than 4.6', risk: 'high' },
    ],
    probes: ['cgroups', 'kubelet-log', 'runtime-log', 'dmesg'],
  }),
  rule({
    id: 'kmem-accounting-risk',
    label: 'kmem risk',
    title: 'Kernel memory accounting on a leaking kernel',
    severity: 'warning',
    meaning:
      'Kernel memory accounting is active under kubepods on a kernel where it leaks (3.10 to 4.5), or kmem limit errors appear: memory cgroup creation fails with ENOMEM while the node has free memory.',
    thresholds: ['kmemSafeKernelMajor', 'kmemSafeKernelMinor'],
    remediation: [
      { action: 'uname -r; cat /sys/fs/cgroup/memory/kubepods*/memory.kmem.limit_in_bytes', risk: 'low' },
      { action: 'use kubelet and runc built without kmem accounting (BUILDTAGS=nokmem)', risk: 'medium' },
      { action: 'boot with cgroup.memory=nokmem, or upgrade to a 4.6+ kernel', risk: 'high' },
    ],
    probes: ['system', 'cgroups', 'dmesg', 'kubelet-log', 'runtime-log'],
  }),
  rule({
    id: 'systemd-unresponsive',
    label: 'systemd hang',
    title: 'systemd not answering on D-Bus',
    severity: 'warning',
    meaning:
      'systemd (PID 1) does not answer on D-Bus: the ping is slow or times out, "Failed to activate service \'org.freedesktop.systemd1\': timed out". runc cannot create container scopes, so containers never start.',
    thresholds: ['systemdPingWarningMs', 'systemdPingCriticalMs'],
    remediation: [
      { action: 'timeout 5 busctl tree org.freedesktop.systemd1; busctl --system list | wc -l', risk: 'low' },
      { action: 'systemctl daemon-reexec   # have console access and drain first', risk: 'medium' },
    ],
    probes: ['systemd', 'kubelet-log', 'runtime-log', 'dmesg'],
  }),
  rule({
    id: 'runc-stuck',
    label: 'runc stuck',
    title: 'runc processes hanging',
    severity: 'warning',
    meaning:
      'runc create, start or exec processes linger far past the seconds they need, or sit in D state: container starts are blocked, often on the systemd bus or on storage.',
    thresholds: ['runcAgeWarningSeconds', 'runcAgeCriticalSeconds', 'runcStuckCriticalCount'],
    remediation: [
      { action: "ps -eo pid,etimes,stat,wchan:32,args | grep '[r]unc'; cat /proc/<pid>/stack", risk: 'low' },
      { action: 'fix what runc waits on first (systemd-unresponsive, disk-io-errors)', risk: 'medium' },
      { action: 'kill -9 <runc pid>   # that container start fails and kubelet retries it', risk: 'medium' },
    ],
    probes: ['processes', 'systemd', 'kubelet-log', 'runtime-log'],
  }),
  rule({
    id: 'fleet-outlier',
    label: 'outlier',
    title: 'Node stands out from its peers',
    severity: 'warning',
    meaning:
      "A node metric is far from its peers' median (the other nodes of its cluster and pool, never the node itself): the node is sick even where no fixed threshold says so.",
    thresholds: ['outlierRatio', 'outlierCriticalRatio', 'outlierMinimumPeers'],
    remediation: [
      { action: "compare the metric in the node page's peer table", risk: 'low' },
      { action: 'nodescope triage <bundle>   # the rule behind the metric', risk: 'low' },
    ],
    probes: [
      'kubelet-proc',
      'processes',
      'mountinfo',
      'blockdev',
      'cgroups',
      'psi',
      'kubelet-log',
      'containers',
      'systemd',
      'system',
    ],
  }),
] as const;
