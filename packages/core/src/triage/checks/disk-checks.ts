import type { LogPatternId, PatternCounts } from '../../analysis/log-patterns.ts';
import { fmtInt, fmtSeconds, plural } from '../../metrics/format.ts';
import type { CheckDef } from '../context.ts';
import { excerpt } from '../evidence-blocks.ts';

interface DeviceErrors {
  device: string;
  errors: number;
  shutdown?: LogPatternId[];
  hostMounts?: string[];
  firstTime?: string;
}
interface DiskDetails {
  devices: DeviceErrors[];
  ioErrorPaths: { path: string; count: number }[];
  byPattern: PatternCounts;
  firstTime: string;
}

function diskDetails(ctx: Parameters<CheckDef['run']>[0]): Partial<DiskDetails> {
  return ctx.details<DiskDetails>('disk-io-errors') ?? {};
}

/** Block and filesystem I/O errors per device, and the files kubelet/runtime fail to read. */
export const diskErrors: CheckDef = {
  id: 'disk-errors',
  rules: ['disk-io-errors'],
  metrics: [],
  probes: ['dmesg'],
  run: (ctx) => {
    const f = ctx.finding('disk-io-errors');
    if (!f) return { verdict: 'ruled-out', reason: 'No block or filesystem I/O error in the kernel log.' };
    const d = diskDetails(ctx);
    const devices = d.devices ?? [];
    const top = devices[0];
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: [
        {
          kind: 'counts',
          title: 'I/O errors by device',
          columns: ['device', 'errors', 'state', 'mounted at'],
          rows: devices
            .slice(0, 10)
            .map((x) => [
              x.device,
              x.errors,
              (x.shutdown ?? []).join(', ') || '-',
              (x.hostMounts ?? []).slice(0, 2).join(', ') || '-',
            ]),
        },
        ...excerpt('Kernel I/O errors', f.evidence, f.evidenceTotal),
      ],
      facts: {
        errors: devices.reduce((a, x) => a + (x.errors ?? 0), 0),
        deviceCount: devices.length,
        topDevice: top?.device,
        topErrors: top?.errors,
        topMount: top?.hostMounts?.[0],
        ioErrorPaths: d.ioErrorPaths?.length ?? 0,
        firstPath: d.ioErrorPaths?.[0]?.path,
        firstTime: d.firstTime,
      },
    };
  },
};

/** Kubelet CSI and pod volume paths: their disks belong to workloads, not to the node. */
function isVolumePath(p: string): boolean {
  return /\/kubelet\/(?:plugins|pods)\//.test(p) || /\/(?:merged|rootfs)\//.test(p);
}

/**
 * Whether the failing devices are volumes kept alive only by leaked mounts (seed A: cloud disks
 * deleted months earlier, still mounted through a dead container's rootfs) rather than the node's disks.
 */
export const errorsOnLeakedDevices: CheckDef = {
  id: 'errors-on-leaked-devices',
  rules: ['disk-io-errors', 'mount-propagation-leak'],
  metrics: [],
  probes: ['dmesg', 'mountinfo'],
  run: (ctx) => {
    const devices = diskDetails(ctx).devices ?? [];
    const leak = ctx.details<{ reasons: Record<string, number> }>('mount-propagation-leak');
    const onLeaked = leak?.reasons?.['device-io-errors'] ?? 0;
    const nodeDisks = devices.filter((x) => (x.hostMounts ?? []).some((p) => !isVolumePath(p)));
    if (!leak || onLeaked === 0)
      return { verdict: 'ruled-out', reason: 'No leaked mount copy sits on a failing device.' };
    if (nodeDisks.length > 0)
      return {
        verdict: 'ruled-out',
        reason: `${plural(onLeaked, 'leaked copy', 'leaked copies')} sit on failing devices, but ${nodeDisks
          .slice(0, 3)
          .map((x) => `${x.device} (mounted at ${x.hostMounts?.[0]})`)
          .join(
            ', ',
          )} ${nodeDisks.length === 1 ? 'is a node disk' : 'are node disks'}: the node's own storage fails too.`,
        facts: { onLeaked, nodeDisk: nodeDisks[0]?.device },
      };
    return {
      verdict: 'confirmed',
      reason: `Every failing device (${fmtInt(devices.length)} listed) is a kubelet volume whose mounts leaked (${plural(onLeaked, 'leaked copy', 'leaked copies')} on them): their disks were detached or deleted while the leak kept them mounted. The errors are a consequence, not the cause.`,
      facts: { onLeaked, devices: devices.length },
    };
  },
};

/** A filesystem shut down or went read-only (aborted journal, XFS forced shutdown). */
export const fsShutdown: CheckDef = {
  id: 'fs-shutdown',
  rules: ['filesystem-shutdown'],
  metrics: [],
  probes: ['dmesg'],
  run: (ctx) => {
    const f = ctx.finding('filesystem-shutdown');
    if (!f) return { verdict: 'ruled-out', reason: 'No filesystem shut down or went read-only.' };
    type Dev = { device: string; shutdown: string[]; hostMounts?: string[] };
    const devices = (f.details as { devices?: Dev[] } | undefined)?.devices ?? [];
    const top = devices[0];
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: excerpt('Filesystem shutdown', f.evidence, f.evidenceTotal),
      facts: {
        devices: devices.length,
        device: top?.device,
        mount: top?.hostMounts?.[0],
        xfs: devices.some((x) => x.shutdown.some((s) => s.startsWith('xfs'))),
      },
    };
  },
};

/** SLUB allocation failures, and whether they came before the first I/O error. */
export const slabFailures: CheckDef = {
  id: 'slab-failures',
  rules: ['slab-allocation-failure'],
  metrics: [],
  probes: ['dmesg'],
  run: (ctx) => {
    const f = ctx.finding('slab-allocation-failure');
    if (!f) return { verdict: 'ruled-out', reason: 'No kernel memory allocation failure in the kernel log.' };
    type D = {
      caches: { cache: string; count: number; memcg: boolean }[];
      firstTime: string;
      firstIoErrorTime: string;
    };
    const d = (f.details ?? {}) as Partial<D>;
    const lead =
      d.firstTime && d.firstIoErrorTime
        ? (Date.parse(d.firstIoErrorTime) - Date.parse(d.firstTime)) / 1000
        : undefined;
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: excerpt('SLUB allocation failures', f.evidence, f.evidenceTotal),
      facts: {
        count: f.evidenceTotal,
        cache: d.caches?.[0]?.cache,
        memcg: d.caches?.some((c) => c.memcg),
        leadTime: lead !== undefined && lead > 0 ? fmtSeconds(lead) : undefined,
      },
    };
  },
};
