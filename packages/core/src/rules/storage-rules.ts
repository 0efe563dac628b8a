import { rule } from './rule-spec.ts';

/** Mounts, volumes, containers' storage and the disks under them. */
export const STORAGE_RULES = [
  rule({
    id: 'mount-propagation-leak',
    label: 'mount leak',
    title: 'Host volume mounts leaked into containers',
    severity: 'warning',
    meaning:
      'Host volume mounts are held in another mount namespace or under a container rootfs (…/merged/…, …/rootfs/…), usually through a host path mounted with HostToContainer or Bidirectional propagation. While a copy exists the device cannot be released: kubelet cannot unmount it and its journal threads stay alive.',
    thresholds: ['leakedCopiesWarning', 'leakedCopiesCritical'],
    remediation: [
      {
        action: 'nodescope mounts <bundle> --umount-plan   # holders, copies and the unmount order',
        risk: 'low',
      },
      { action: "umount the leaked copies under the dead holder's rootfs, deepest first", risk: 'medium' },
      {
        action:
          "set the owning workload's volumeMounts[].mountPropagation to None, or mount only the paths it needs",
        risk: 'medium',
      },
    ],
    probes: ['mountinfo', 'mountinfo-ns', 'containers', 'blockdev', 'kubelet-log'],
  }),
  rule({
    id: 'kernel-thread-flood',
    label: 'kthread flood',
    title: 'Kernel thread flood',
    severity: 'warning',
    meaning:
      "Far more kernel threads than the node's size or its peers explain: per-device thread sets (jbd2, jbd2-ckpt, ext4-rsv-conver, kdmflush, bioset) for filesystems that are no longer in use, or a runaway workqueue. ps, top, PLEG and cAdvisor slow down walking them.",
    thresholds: [
      'kernelThreadsWarning',
      'kernelThreadsCritical',
      'jbd2SetsWarning',
      'jbd2SetsCritical',
      'kworkersPerCpuWarning',
      'kworkersMinimumWarning',
      'outlierRatio',
      'outlierMinimumPeers',
    ],
    remediation: [
      {
        action:
          "ps -eo comm | sed -n 's/^jbd2\\/\\(.*\\)-8$/\\1/p' | sort | uniq -c | sort -rn | head   # devices with a journal",
        risk: 'low',
      },
      {
        action: 'release the mounts that keep those devices alive (see mount-propagation-leak)',
        risk: 'medium',
      },
      { action: 'cordon, drain and reboot the node when the holders cannot be released', risk: 'high' },
    ],
    probes: ['processes', 'system'],
  }),
  rule({
    id: 'volume-teardown-stuck',
    label: 'volume teardown',
    title: 'Volume teardown stuck',
    severity: 'warning',
    meaning:
      'kubelet keeps failing to tear a volume down (GetDeviceMountRefs, UnmountDevice, TearDown) and retries with backoff, or orphaned pod volume paths stay on disk. The volume cannot attach elsewhere and the retries cost kubelet CPU.',
    thresholds: ['teardownFailuresWarning', 'retryStormPerMin'],
    remediation: [
      {
        action:
          "journalctl -u kubelet | grep -E 'GetDeviceMountRefs|UnmountDevice|TearDown' | tail   # volume and references",
        risk: 'low',
      },
      { action: 'grep <volume path> /proc/*/mountinfo   # which processes still hold it', risk: 'low' },
      {
        action: 'remove an orphaned pod directory only after findmnt shows nothing mounted under it',
        risk: 'high',
      },
    ],
    probes: ['kubelet-log'],
  }),
  rule({
    id: 'container-stuck-removal',
    label: 'stuck removal',
    title: 'Containers stuck in removal',
    severity: 'warning',
    meaning:
      'The runtime cannot remove containers: they stay dead or "Removal In Progress", "failed to remove root filesystem", or the umount of their merged, shm or rootfs directory fails with EBUSY because another namespace still holds it.',
    thresholds: ['stuckContainersCritical'],
    remediation: [
      { action: 'grep <container id> /proc/*/mountinfo   # who still mounts its rootfs', risk: 'low' },
      { action: "unmount the holder's copies, then docker rm -f <id> or crictl rm <id>", risk: 'medium' },
      {
        action:
          'systemctl restart containerd (or docker): dockerd without live-restore stops every container',
        risk: 'high',
      },
    ],
    probes: ['containers', 'runtime-log', 'kubelet-log', 'mountinfo', 'mountinfo-ns'],
  }),
  rule({
    id: 'disk-io-errors',
    label: 'disk I/O errors',
    title: 'Disk I/O errors',
    severity: 'warning',
    meaning:
      'Block or filesystem I/O errors per device (I/O error dev, Buffer I/O error, EXT4-fs error, XFS metadata I/O error, error -5, an aborted ext4 journal or failed superblock write): a failing, detached or vanished disk. Workloads on it see EIO.',
    thresholds: ['ioErrorsCritical'],
    remediation: [
      { action: "dmesg -T | grep -iE 'i/o error|ext4-fs error|xfs' | tail; lsblk", risk: 'low' },
      { action: 'kubectl cordon <node>; kubectl drain <node> --ignore-daemonsets', risk: 'medium' },
      { action: 'replace the disk, or detach and reattach the volume at the provider', risk: 'high' },
    ],
    probes: ['dmesg', 'kubelet-log', 'runtime-log', 'blockdev', 'mountinfo'],
  }),
  rule({
    id: 'filesystem-shutdown',
    label: 'fs shutdown',
    title: 'Filesystem shut down or read-only',
    severity: 'critical',
    meaning:
      'A filesystem gave up: its journal aborted, it was remounted read-only or XFS forced a shutdown. Every write to it fails until it is unmounted and repaired.',
    thresholds: [],
    remediation: [
      { action: "findmnt -rno TARGET,SOURCE,OPTIONS | grep -E '(^|,)ro(,|$)'", risk: 'low' },
      { action: 'kubectl drain <node> --ignore-daemonsets   # move the workloads off', risk: 'medium' },
      { action: 'unmount it everywhere, then xfs_repair or e2fsck -f on the device', risk: 'high' },
    ],
    probes: ['dmesg', 'blockdev', 'mountinfo'],
  }),
] as const;
