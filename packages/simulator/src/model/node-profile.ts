import type { LsblkStyle } from '../probes/lsblk-json.ts';
import { Rng } from './random.ts';
import type { ResolvedNode } from './sim-node-spec.ts';

/** An operating system image a node runs: what uname, os-release and the tool versions say. */
export interface Distro {
  id: 'alinux2' | 'centos7' | 'ubuntu2004' | 'ubuntu2204' | 'debian12';
  os: string;
  kernelRelease: string;
  kernelVersion: string;
  /** systemd >= 243 raises kernel.pid_max to 4194304, which widens ps's PID columns. */
  pidMax: number;
  lsblkStyle: LsblkStyle;
  /** systemd >= 250 prints `+00:00` in short-iso timestamps. */
  journalColonOffset: boolean;
  /** Whether systemd services run in private mount namespaces (ProtectSystem, PrivateTmp). */
  serviceNamespaces: boolean;
  rootFs: 'ext4' | 'xfs';
  /** Alibaba's 4.19 adds a jbd2-ckpt thread per journal. */
  jbd2Checkpoint: boolean;
}

export const DISTROS: Record<Distro['id'], Distro> = {
  alinux2: {
    id: 'alinux2',
    os: 'Alibaba Cloud Linux (Aliyun Linux) 2.1903 LTS (Hunting Beagle)',
    kernelRelease: '4.19.91-24.1.al7.x86_64',
    kernelVersion: '#1 SMP Wed Jul 21 17:40:23 CST 2021',
    pidMax: 32768,
    lsblkStyle: 'mountpoints',
    journalColonOffset: false,
    serviceNamespaces: false,
    rootFs: 'ext4',
    jbd2Checkpoint: true,
  },
  centos7: {
    id: 'centos7',
    os: 'CentOS Linux 7 (Core)',
    kernelRelease: '3.10.0-514.10.2.el7.x86_64',
    kernelVersion: '#1 SMP Fri Mar 3 00:04:05 UTC 2017',
    pidMax: 32768,
    lsblkStyle: 'text',
    journalColonOffset: false,
    serviceNamespaces: false,
    rootFs: 'xfs',
    jbd2Checkpoint: false,
  },
  ubuntu2004: {
    id: 'ubuntu2004',
    os: 'Ubuntu 20.04.6 LTS',
    kernelRelease: '5.15.0-107-generic',
    kernelVersion: '#117~20.04.1-Ubuntu SMP Tue Apr 30 10:35:57 UTC 2024',
    pidMax: 4194304,
    lsblkStyle: 'mountpoint',
    journalColonOffset: false,
    serviceNamespaces: true,
    rootFs: 'ext4',
    jbd2Checkpoint: false,
  },
  ubuntu2204: {
    id: 'ubuntu2204',
    os: 'Ubuntu 22.04.4 LTS',
    kernelRelease: '5.15.0-105-generic',
    kernelVersion: '#115-Ubuntu SMP Mon Apr 15 09:52:04 UTC 2024',
    pidMax: 4194304,
    lsblkStyle: 'mountpoints',
    journalColonOffset: false,
    serviceNamespaces: true,
    rootFs: 'ext4',
    jbd2Checkpoint: false,
  },
  debian12: {
    id: 'debian12',
    os: 'Debian GNU/Linux 12 (bookworm)',
    kernelRelease: '6.1.0-21-cloud-amd64',
    kernelVersion: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 (2024-05-03)',
    pidMax: 4194304,
    lsblkStyle: 'mountpoints',
    journalColonOffset: true,
    serviceNamespaces: true,
    rootFs: 'ext4',
    jbd2Checkpoint: false,
  },
};

/** Facts about a node that do not change between snapshots (until a scenario says otherwise). */
export interface NodeProfile {
  node: ResolvedNode;
  distro: Distro;
  cgroupVersion: 1 | 2;
  cgroupDriver: 'systemd' | 'cgroupfs';
  runtime: 'docker' | 'containerd';
  /** `kubelet --version` output, e.g. "Kubernetes v1.28.9". */
  kubeletVersion: string;
  /** `containerd --version` output or '' when absent. */
  containerdVersion: string;
  /** `docker version --format {{.Server.Version}}` or '' when absent. */
  dockerVersion: string;
  dockerRoot: string;
  cpus: number;
  memTotalKb: number;
  /** The node reboots every `rebootPeriodMs`, at a seeded phase; incidents pin a fixed boot. */
  rebootPeriodMs: number;
  rebootPhaseMs: number;
  fixedBootMs?: number;
  /** Mean running pods; the live count wanders around it with time. */
  podsBase: number;
  dataDisk: boolean;
  cni: 'calico' | 'flannel' | 'terway';
}

const DAY = 86_400_000;

/** A healthy node's natural variety, derived from its seed alone. */
export function baseProfile(node: ResolvedNode): NodeProfile {
  const r = Rng.of(node.seed, 'profile');
  const variant = r.int(0, 4);
  const distro = [
    DISTROS.alinux2,
    DISTROS.ubuntu2004,
    DISTROS.ubuntu2204,
    DISTROS.debian12,
    DISTROS.ubuntu2204,
  ][variant] as Distro;
  const cgroupVersion: 1 | 2 = distro.id === 'alinux2' || distro.id === 'ubuntu2004' ? 1 : 2;
  const runtime =
    distro.id === 'alinux2' || (distro.id === 'ubuntu2004' && r.chance(0.5)) ? 'docker' : 'containerd';
  const k8sMinor = runtime === 'docker' ? r.pick([20, 22, 23]) : r.pick([26, 27, 28, 29]);
  const containerdVersion =
    runtime === 'docker'
      ? 'containerd containerd.io 1.6.28 ae07eda36dd25f8a1b98dfbf587313b99c0190bb'
      : r.pick([
          'containerd github.com/containerd/containerd v1.6.31 e377cd56a71523140ca6ae87e30244719194a521',
          'containerd github.com/containerd/containerd v1.7.16 83031836b2cf55637d7abf847b17134c51b38e53',
        ]);
  return {
    node,
    distro,
    cgroupVersion,
    cgroupDriver: cgroupVersion === 2 || runtime === 'containerd' ? 'systemd' : 'cgroupfs',
    runtime,
    kubeletVersion: `Kubernetes v1.${k8sMinor}.${r.int(3, 14)}`,
    containerdVersion,
    dockerVersion: runtime === 'docker' ? '20.10.24' : '',
    dockerRoot: '/var/lib/docker',
    cpus: r.pick([4, 8, 16, 32]),
    memTotalKb: 0,
    rebootPeriodMs: r.int(20, 90) * DAY,
    rebootPhaseMs: Math.floor(r.next() * 90 * DAY),
    podsBase: r.int(8, 36),
    dataDisk: r.chance(0.6),
    cni: distro.id === 'alinux2' ? 'terway' : r.pick(['calico', 'flannel']),
  };
}

/** Memory sized like cloud instance types: 4 GiB per vCPU, a little less than nominal. */
export function memTotalKbFor(cpus: number): number {
  return cpus * 4 * 1024 * 1024 - cpus * 38_912;
}

/** Boot instant for the node as seen at `at` (ms since epoch). */
export function bootTime(p: NodeProfile, at: number): number {
  if (p.fixedBootMs !== undefined) return Math.min(p.fixedBootMs, at - 600_000);
  const k = Math.floor((at - p.rebootPhaseMs) / p.rebootPeriodMs);
  const boot = p.rebootPhaseMs + k * p.rebootPeriodMs;
  // A node that just rebooted still answers after a few minutes of uptime.
  return Math.min(boot, at - 600_000);
}
