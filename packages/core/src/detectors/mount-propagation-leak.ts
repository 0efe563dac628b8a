import type { HolderSummary } from '../analysis/mount-graph.ts';
import { fmtInt, plural, sentence } from '../metrics/format.ts';
import type { Evidence, Finding } from '../model/finding.ts';
import { type Detector, type DetectorContext, makeFinding, pickMetrics } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'mount-propagation-leak';
const METRICS = [
  'mounts.leaked',
  'mounts.total',
  'mounts.host',
  'mounts.under_container_rootfs',
  'blockdev.count',
];

function where(h: HolderSummary): string {
  return h.rootfs ? `under the rootfs of ${h.label}` : `in ${h.label}`;
}

function holderEvidence(ctx: DetectorContext, holders: HolderSummary[]): Evidence[] {
  const out: Evidence[] = [];
  for (const h of holders.slice(0, 3)) {
    if (!h.containerId) continue;
    const c = ctx.state.containers.find((x) => x.id === h.containerId);
    if (c)
      out.push({
        probe: 'containers',
        line: c.line,
        text: `${c.id} ${c.status}${c.error ? ` ${c.error}` : ''}`.slice(0, 400),
      });
  }
  return out;
}

function fromTables(ctx: DetectorContext): Finding[] {
  const g = ctx.analysis.mounts;
  const top = g.holders[0];
  if (g.leakedCopies < th('leakedCopiesWarning') || !top) return [];
  const kubeletPaths = (g.reasons['kubelet-csi-globalmount'] ?? 0) + (g.reasons['kubelet-pod-volume'] ?? 0);
  const deadHolder = g.holders.some((h) => h.dead);
  const severity =
    g.leakedCopies >= th('leakedCopiesCritical') ||
    (deadHolder && kubeletPaths > 0) ||
    (g.reasons['host-unmounted'] ?? 0) > 0
      ? 'critical'
      : 'warning';
  let summary = `${fmtInt(top.copies)} mount records of ${plural(top.devices, 'device')} held ${where(top)}`;
  if (g.holderTotal > 1) {
    summary += `; ${fmtInt(g.leakedCopies - top.copies)} more in ${plural(g.holderTotal - 1, 'other holder')}`;
  }
  summary += '.';
  const notes: string[] = [];
  if (g.holderTotal > 1 || g.leakedDevices !== top.devices) {
    notes.push(`${fmtInt(g.leakedCopies)} leaked copies of ${plural(g.leakedDevices, 'device')} in all`);
  }
  if ((g.reasons['kubelet-csi-globalmount'] ?? 0) > 0) {
    notes.push(
      `${fmtInt(g.reasons['kubelet-csi-globalmount'] ?? 0)} are copies of CSI globalmount paths that kubelet cannot unmount`,
    );
  }
  if ((g.reasons['host-unmounted'] ?? 0) > 0)
    notes.push(`${fmtInt(g.reasons['host-unmounted'] ?? 0)} outlive their host mount`);
  if ((g.reasons['device-io-errors'] ?? 0) > 0)
    notes.push(`${fmtInt(g.reasons['device-io-errors'] ?? 0)} are on devices with I/O errors`);
  if ((g.reasons['device-missing'] ?? 0) > 0)
    notes.push(`${fmtInt(g.reasons['device-missing'] ?? 0)} are on devices missing from lsblk`);
  if (notes.length > 0) summary += ` ${notes.join('; ')}.`;
  summary = sentence(summary);
  return [
    makeFinding({
      rule: RULE,
      severity,
      summary,
      evidence: [...holderEvidence(ctx, g.holders), ...g.evidence],
      evidenceTotal: g.leakedCopies,
      metrics: pickMetrics(ctx.metrics, METRICS),
      details: {
        leakedCopies: g.leakedCopies,
        leakedDevices: g.leakedDevices,
        reasons: g.reasons,
        holders: g.holders,
        holderTotal: g.holderTotal,
        devices: g.devices,
        deviceTotal: g.deviceTotal,
        examples: g.examples,
        umountPlan: g.umountPlan,
        fromLogs: g.fromLogs,
      },
    }),
  ];
}

/** Without mount tables, kubelet's own reference lists still show copies under a rootfs. */
function fromLogs(ctx: DetectorContext): Finding[] {
  const refs = ctx.analysis.mounts.fromLogs;
  const top = refs.holders[0];
  if (refs.underContainerRootfs === 0 || !top) return [];
  const rule = ctx.analysis.logs.rules[RULE];
  const volumes = ctx.analysis.logs.volumes.volumeTotal;
  return [
    makeFinding({
      rule: RULE,
      severity: top.dead ? 'critical' : 'warning',
      summary: `kubelet reports ${plural(volumes, 'volume')} still mounted by ${plural(refs.underContainerRootfs, 'reference')} under a container rootfs, most under the rootfs of ${top.label} (${top.rootfs}).`,
      evidence: rule?.evidence ?? [],
      evidenceTotal: rule?.count ?? 0,
      metrics: pickMetrics(ctx.metrics, ['log.rate.mount-propagation-leak']),
      details: { fromLogs: refs },
    }),
  ];
}

export const mountPropagationLeak: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const tables = fromTables(ctx);
    return tables.length > 0 ? tables : fromLogs(ctx);
  },
};
