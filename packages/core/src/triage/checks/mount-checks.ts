import type { PatternCounts } from '../../analysis/log-patterns.ts';
import { fmtInt, plural, shortId } from '../../metrics/format.ts';
import type { CheckDef } from '../context.ts';
import { excerpt, type MountSubgraphBlock } from '../evidence-blocks.ts';
import { tt } from '../triage-thresholds.ts';

interface LeakExample {
  copyPath: string;
  device: string;
  hostPath?: string;
  line: number;
}
interface LeakHolder {
  key: string;
  kind: string;
  containerId?: string;
  containerName?: string;
  containerStatus?: string;
  dead: boolean;
  label: string;
  rootfs?: string;
  copies: number;
  devices: number;
  reasons?: Record<string, number>;
  examples?: LeakExample[];
}
interface LeakDetails {
  leakedCopies: number;
  leakedDevices: number;
  reasons: Record<string, number>;
  holders: LeakHolder[];
  holderTotal: number;
  fromLogs: { references: number; underContainerRootfs: number };
}

/** Docker names kubelet containers `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`. */
export function podOfContainerName(name: string | undefined): { pod: string; namespace: string } | undefined {
  const m = name?.match(/^k8s_[^_]+_([^_]+)_([^_]+)_[0-9a-f-]{36}_\d+$/);
  return m?.[1] && m[2] ? { pod: m[1], namespace: m[2] } : undefined;
}

/**
 * The controller a pod name points at. A DaemonSet pod is `<ds>-<5 chars>`; a Deployment pod
 * carries a ReplicaSet hash too (`<deploy>-<hash>-<5 chars>`), a StatefulSet pod an ordinal.
 */
export function controllerOfPod(
  pod: string,
): { kind: 'DaemonSet' | 'Deployment' | 'StatefulSet'; name: string } | undefined {
  const rs = pod.match(/^(.+)-[0-9a-f]{8,10}-[a-z0-9]{5}$/);
  if (rs?.[1]) return { kind: 'Deployment', name: rs[1] };
  const ds = pod.match(/^(.+)-[a-z0-9]{5}$/);
  if (ds?.[1]) return { kind: 'DaemonSet', name: ds[1] };
  const sts = pod.match(/^(.+)-\d+$/);
  if (sts?.[1]) return { kind: 'StatefulSet', name: sts[1] };
  return undefined;
}

function leakDetails(ctx: Parameters<CheckDef['run']>[0]): Partial<LeakDetails> | undefined {
  return ctx.details<LeakDetails>('mount-propagation-leak');
}

export function subgraphOf(h: LeakHolder): MountSubgraphBlock {
  return {
    kind: 'mount-subgraph',
    title: `Mounts held by ${h.label}`,
    holder: h.key,
    label: h.label,
    copies: h.copies,
    devices: h.devices,
    examples: (h.examples ?? []).slice(0, 6).map((e) => {
      const x: MountSubgraphBlock['examples'][number] = {
        device: e.device,
        copyPath: e.copyPath,
        line: e.line,
      };
      if (e.hostPath) x.hostPath = e.hostPath;
      return x;
    }),
  };
}

/** Host volume mounts held under a container rootfs or in another mount namespace. */
export const mountLeak: CheckDef = {
  id: 'mount-leak',
  rules: ['mount-propagation-leak'],
  metrics: [
    { metric: 'mounts.leaked', op: '>=', threshold: tt('leakedCopies') },
    { metric: 'mounts.under_container_rootfs', op: '>=', threshold: tt('leakedCopies') },
  ],
  probes: ['mountinfo'],
  run: (ctx) => {
    const f = ctx.finding('mount-propagation-leak');
    if (!f)
      return {
        verdict: 'ruled-out',
        reason: 'No host volume mount is held under a container rootfs or in another mount namespace.',
      };
    const d = leakDetails(ctx) ?? {};
    const holders = d.holders ?? [];
    const top = holders[0];
    // The copy of host `/` itself is the HostToContainer bind: everything mounted on the host later propagates below it.
    const rootBind = top?.examples?.find((e) => e.hostPath === '/');
    const bindTarget =
      rootBind && top?.rootfs && rootBind.copyPath.startsWith(top.rootfs)
        ? rootBind.copyPath.slice(top.rootfs.length) || '/'
        : undefined;
    const pod = podOfContainerName(top?.containerName);
    const owner = pod ? controllerOfPod(pod.pod) : undefined;
    const reasons = d.reasons ?? {};
    const fromTable = (d.leakedCopies ?? 0) > 0;
    return {
      verdict: fromTable || (d.fromLogs?.underContainerRootfs ?? 0) > 0 ? 'confirmed' : 'inconclusive',
      reason: f.summary,
      evidence: f.evidence,
      blocks: [
        ...holders.slice(0, 3).map(subgraphOf),
        {
          kind: 'counts',
          title: 'Leaked mount copies by reason',
          columns: ['reason', 'copies'],
          rows: Object.entries(reasons).map(([r, n]) => [r, n]),
        },
      ],
      facts: {
        copies: d.leakedCopies,
        devices: d.leakedDevices,
        csiCopies: reasons['kubelet-csi-globalmount'],
        ioErrorCopies: reasons['device-io-errors'],
        holderKey: top?.key,
        holderLabel: top?.label,
        holderDead: top?.dead,
        containerId: top?.containerId ? shortId(top.containerId) : undefined,
        containerName: top?.containerName,
        rootfs: top?.rootfs,
        bindTarget,
        pod: pod?.pod,
        namespace: pod?.namespace,
        ownerKind: owner?.kind,
        ownerName: owner?.name,
        holders: d.holderTotal ?? holders.length,
      },
    };
  },
};

/** Whether the holder of the leaked copies is a dead container the runtime cannot remove. */
export const leakHolderDead: CheckDef = {
  id: 'leak-holder-dead',
  rules: ['container-stuck-removal', 'mount-propagation-leak'],
  metrics: [{ metric: 'containers.dead', op: '>=', threshold: 1 }],
  probes: ['containers'],
  run: (ctx) => {
    const holders = leakDetails(ctx)?.holders ?? [];
    const stuck = ctx.finding('container-stuck-removal');
    type Stuck = { id: string; name?: string; status: string; error?: string; holdsMountCopies: number };
    const containers = ((stuck?.details as { containers?: Stuck[] } | undefined)?.containers ?? []).filter(
      (c) => c.holdsMountCopies > 0,
    );
    const dead = holders.filter((h) => h.dead);
    if (dead.length === 0) {
      if (holders.length > 0)
        return {
          verdict: 'ruled-out',
          reason: `The copies are held by ${holders
            .slice(0, 2)
            .map((h) => h.label)
            .join(', ')}: alive, so its own teardown will release them once it stops.`,
        };
      return { verdict: 'ruled-out', reason: 'No container holds leaked mount copies.' };
    }
    const c = containers[0];
    const h = dead[0] as LeakHolder;
    return {
      verdict: 'confirmed',
      reason: `${h.label} holds ${plural(h.copies, 'mount copy', 'mount copies')} of ${plural(h.devices, 'device')}${c?.error ? `; the runtime cannot remove it: ${c.error.slice(0, 200)}` : ''}.`,
      evidence: stuck?.evidence ?? [],
      blocks: stuck ? excerpt('The stuck container', stuck.evidence, stuck.evidenceTotal) : [],
      facts: {
        status: h.containerStatus ?? c?.status,
        error: c?.error,
        containerId: h.containerId ? shortId(h.containerId) : undefined,
        stuckContainers: (stuck?.details as { containerTotal?: number } | undefined)?.containerTotal,
      },
    };
  },
};

interface ThreadDetails {
  byGroup: Record<string, number>;
  journalDevices: { devices: number; notMountedOnHost: number };
  topNames: { name: string; count: number }[];
}

/** Kernel threads, by group: one jbd2 + jbd2-ckpt + ext4-rsv-conver set per mounted ext4 journal. */
export const journalThreads: CheckDef = {
  id: 'journal-threads',
  rules: ['kernel-thread-flood'],
  metrics: [
    { metric: 'threads.kernel', op: '>=', threshold: tt('kernelThreads') },
    { metric: 'threads.jbd2', op: '>=', threshold: 100 },
  ],
  probes: ['processes'],
  run: (ctx) => {
    const f = ctx.finding('kernel-thread-flood');
    const kernel = ctx.metric('threads.kernel');
    const journal =
      (ctx.metric('threads.jbd2') ?? 0) +
      (ctx.metric('threads.jbd2_ckpt') ?? 0) +
      (ctx.metric('threads.ext4_rsv_conver') ?? 0);
    const facts = { kernelThreads: kernel, journalThreads: journal, tasks: ctx.metric('tasks.total') };
    if (!f)
      return {
        verdict: 'ruled-out',
        reason: `${kernel === undefined ? 'No' : fmtInt(kernel)} kernel threads: no flood.`,
        facts,
      };
    const d = (f.details ?? {}) as Partial<ThreadDetails>;
    const devices = d.journalDevices?.devices ?? 0;
    const blocks = [
      {
        kind: 'counts' as const,
        title: 'Kernel threads by group',
        columns: ['group', 'threads'],
        rows: Object.entries(d.byGroup ?? {})
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([g, n]) => [g, n] as (string | number)[]),
      },
      ...excerpt('Kernel threads', f.evidence, f.evidenceTotal),
    ];
    return {
      verdict: devices >= 100 ? 'confirmed' : 'inconclusive',
      reason:
        devices >= 100
          ? f.summary
          : `${f.summary} The flood is not journal threads: look at what spawns them.`,
      evidence: f.evidence,
      blocks,
      facts: { ...facts, journalDevices: devices },
    };
  },
};

interface TeardownDetails {
  byPattern: PatternCounts;
  volumeTotal: number;
  backoff: { duration: string; count: number }[];
  perMinute: number;
  peakPerMinute: number;
}

/** kubelet failing and retrying volume unmounts: GetDeviceMountRefs, UnmountDevice, TearDown. */
export const unmountRetries: CheckDef = {
  id: 'unmount-retries',
  rules: ['volume-teardown-stuck'],
  metrics: [{ metric: 'log.rate.volume-teardown-stuck', op: '>=', threshold: tt('teardownPerMin') }],
  probes: ['kubelet-log'],
  run: (ctx) => {
    const f = ctx.finding('volume-teardown-stuck');
    if (!f) return { verdict: 'ruled-out', reason: 'kubelet is not failing volume teardowns.' };
    const d = (f.details ?? {}) as Partial<TeardownDetails>;
    const refs = d.byPattern?.['getdevicemountrefs-failed'] ?? 0;
    return {
      verdict: refs > 0 ? 'confirmed' : 'inconclusive',
      reason:
        refs > 0
          ? f.summary
          : `${f.summary} None of them is a GetDeviceMountRefs failure, so no other mount reference is named.`,
      evidence: f.evidence,
      blocks: excerpt('kubelet volume teardown failures', f.evidence, f.evidenceTotal),
      facts: {
        failures: f.evidenceTotal,
        mountRefFailures: refs,
        volumes: d.volumeTotal,
        perMinute: d.perMinute,
        peakPerMinute: d.peakPerMinute,
        backoff: d.backoff?.[0]?.duration,
      },
    };
  },
};
