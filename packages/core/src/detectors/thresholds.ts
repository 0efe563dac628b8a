/**
 * Every number a detector compares against, in one reviewable table. Each entry carries the
 * reason it has that value, so a tuning change is a one-line diff with its justification.
 */
export interface Threshold {
  value: number;
  reason: string;
}

function t(value: number, reason: string): Threshold {
  return { value, reason };
}

export const THRESHOLDS = {
  // Kernel threads
  kernelThreadsWarning: t(
    3_000,
    'a 96-CPU node runs well under 1,500 kernel threads; 3,000 means something spawns them',
  ),
  kernelThreadsCritical: t(
    10_000,
    'seed A had 19,798: the scheduler and ps/top slow down, kubelet PLEG and cAdvisor walk them',
  ),
  jbd2SetsWarning: t(
    100,
    'one jbd2 set per mounted ext4 journal; more than 100 journaled filesystems is unusual for a worker',
  ),
  jbd2SetsCritical: t(1_000, 'seed A: 6,385 journal sets for devices kept alive by leaked mounts'),
  kworkersPerCpuWarning: t(
    25,
    'per-CPU and unbound kworker pools stay at a few per CPU; 25 per CPU is a runaway workqueue',
  ),
  kworkersMinimumWarning: t(1_500, 'floor for small nodes so a 2-CPU node does not warn at 50 kworkers'),

  // Mounts
  leakedCopiesWarning: t(
    1,
    'any host volume copy under a container rootfs or stale in another namespace blocks teardown',
  ),
  leakedCopiesCritical: t(
    100,
    'hundreds of copies keep devices, journals and kubelet retry loops alive (seed A: 12,777)',
  ),

  // Kubelet volume teardown
  teardownFailuresWarning: t(3, 'one or two teardown retries happen during normal pod churn'),
  retryStormPerMin: t(
    60,
    'more than one failed volume operation a second is a retry storm (seed A: ~4,000 lines in minutes)',
  ),

  // Containers
  stuckContainersCritical: t(
    5,
    'several containers stuck in removal means the runtime or storage driver is wedged',
  ),

  // Disk and filesystem
  ioErrorsCritical: t(
    10,
    'a single I/O error may be a transient retry; ten means a failing or vanished device',
  ),

  // Hung tasks
  hungTaskReportsCritical: t(
    5,
    'the kernel reports a hung task at most every 120 s; five reports is a persistent stall',
  ),
  dStateWarning: t(5, 'a couple of tasks in D state is normal I/O wait; five at one instant means a stall'),
  dStateCritical: t(50, 'dozens of uninterruptible tasks: storage or a kernel lock is wedged'),

  // PLEG
  plegRelistGapWarning: t(
    10,
    'relist normally runs every second; a 10 s gap means the runtime answers slowly',
  ),
  plegRelistGapCritical: t(180, "kubelet's own relist threshold is 3m0s: past it the node goes NotReady"),

  // Runtime
  runtimeSlowCritical: t(
    20,
    'twenty runtime deadline errors in an hour: pods cannot be created or stopped reliably',
  ),

  // PSI (avg10, percent of time)
  psiIoSomeWarning: t(
    20,
    'tasks stalled on I/O a fifth of the time: latency-sensitive runtime calls start timing out',
  ),
  psiIoSomeCritical: t(
    50,
    'half of the time stalled on I/O: containerd bbolt fsync and overlay umount block (seed B)',
  ),
  psiIoFullWarning: t(10, 'all non-idle tasks stalled on I/O 10% of the time'),
  psiIoFullCritical: t(30, 'the node makes no progress a third of the time'),
  psiMemorySomeWarning: t(10, 'reclaim stalls visible to workloads'),
  psiMemorySomeCritical: t(40, 'heavy reclaim: thrashing'),
  psiMemoryFullWarning: t(5, 'all tasks stalled on memory 5% of the time'),
  psiMemoryFullCritical: t(20, 'near OOM thrashing'),
  psiCpuSomeWarning: t(60, 'CPU contention is common on busy nodes; 60% means most runnable tasks wait'),
  psiCpuSomeCritical: t(90, 'almost every runnable task waits for CPU'),

  // Kubelet restarts
  kubeletRestartsWarning: t(
    2,
    'one restart is a deploy or config change; two in the log window is suspicious',
  ),
  kubeletRestartsCritical: t(3, 'three or more restarts in the window is a restart loop'),

  // Slab
  slabFailuresCritical: t(
    10,
    'repeated SLUB failures: allocations inside the kernel fail, I/O paths next (seed C)',
  ),

  // Cgroups
  cgroupIdLimit: t(
    65_535,
    'memory cgroup ids are 16-bit (MEM_CGROUP_ID_MAX): mkdir fails with ENOSPC past it',
  ),
  cgroupIdWarningRatio: t(0.7, 'at 70% of the id space a leak will exhaust it within days of pod churn'),
  cgroupIdCriticalRatio: t(0.9, 'at 90% pod sandboxes start failing soon'),
  cgroupMismatchMinimum: t(1_000, 'num_cgroups may exceed directories briefly while cgroups are deleted'),
  cgroupMismatchRatio: t(2, 'twice as many cgroups as directories: deleted cgroups are not being freed'),
  cgroupDyingWarning: t(5_000, 'dying cgroups still hold memory cgroup ids and kernel memory'),
  cgroupDyingCritical: t(30_000, 'dying cgroups fill half of the 65,535 id space'),

  // kmem
  kmemSafeKernelMajor: t(4, 'kmem accounting leaks on 3.10 (RHEL/CentOS 7) and is unstable before 4.6'),
  kmemSafeKernelMinor: t(6, 'kmem accounting was reworked and became safe to leave on in 4.6'),

  // systemd
  systemdPingWarningMs: t(
    1_000,
    'a D-Bus ping of systemd answers in milliseconds; a second means PID 1 is busy',
  ),
  systemdPingCriticalMs: t(
    5_000,
    'the probe gives up at 5 s: runc cannot create scopes, containers never start (seed E)',
  ),

  // runc
  runcAgeWarningSeconds: t(
    60,
    'runc create/start/exec exits within seconds; a minute old runc is waiting on something',
  ),
  runcAgeCriticalSeconds: t(300, 'runc older than 5 minutes is hung (seed E: blocked on the systemd bus)'),
  runcStuckCriticalCount: t(3, 'several hung runc processes: container starts are blocked node-wide'),

  // Fleet
  outlierRatio: t(3, 'three times the pool median is far outside normal node-to-node variation'),
  outlierCriticalRatio: t(10, 'an order of magnitude above peers (seed A: kubelet CPU 75.7x the median)'),
  outlierMinimumPeers: t(3, 'a median of fewer than three peers is not a baseline'),

  // Evidence
  evidenceCap: t(20, 'enough lines to see the pattern; evidenceTotal keeps the real count'),
} as const satisfies Record<string, Threshold>;

export type ThresholdName = keyof typeof THRESHOLDS;

/** The value alone, for detector code. */
export function th(name: ThresholdName): number {
  return THRESHOLDS[name].value;
}
