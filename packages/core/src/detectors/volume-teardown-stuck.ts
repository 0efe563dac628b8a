import { fmtInt, plural } from '../metrics/format.ts';
import { type Detector, makeFinding, pickMetrics } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'volume-teardown-stuck';

export const volumeTeardownStuck: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const r = ctx.analysis.logs.rules[RULE];
    if (!r || r.count === 0) return [];
    const v = ctx.analysis.logs.volumes;
    const storm = Math.max(r.peakPerMinute ?? 0, r.perMinute ?? 0) >= th('retryStormPerMin');
    const severity = storm ? 'critical' : r.count >= th('teardownFailuresWarning') ? 'warning' : 'info';

    let summary = `${fmtInt(r.count)} failed volume teardowns in the kubelet log`;
    if (r.peakPerMinute !== undefined) summary += ` (${fmtInt(r.peakPerMinute)}/min at peak)`;
    const vols = v.failedVolumes.slice(0, 3).map((f) => f.volume);
    if (v.volumeTotal > 0) {
      summary += ` for ${plural(v.volumeTotal, 'volume')}: ${vols.join(', ')}${v.volumeTotal > vols.length ? ', …' : ''}`;
    }
    summary += '.';
    const refs = v.failedVolumes.reduce((n, f) => n + f.referenceTotal, 0);
    const b = r.byPattern;
    if ((b['getdevicemountrefs-failed'] ?? 0) > 0) {
      summary += ` GetDeviceMountRefs finds the device mount still referenced by ${plural(refs, 'other path')}`;
      const under = ctx.analysis.mounts.fromLogs.underContainerRootfs;
      if (under > 0) summary += `, ${fmtInt(under)} under a container rootfs`;
      summary += '.';
    }
    const maxBackoff = v.backoff[0];
    if (maxBackoff) summary += ` Retries back off to ${maxBackoff.duration}.`;
    if (v.orphanedPodTotal > 0)
      summary += ` ${plural(v.orphanedPodTotal, 'orphaned pod')} still ${v.orphanedPodTotal === 1 ? 'has' : 'have'} volume paths on disk.`;

    const details: Record<string, unknown> = {
      byPattern: r.byPattern,
      failedVolumes: v.failedVolumes,
      volumeTotal: v.volumeTotal,
      backoff: v.backoff,
      orphanedPods: v.orphanedPods,
      orphanedPodTotal: v.orphanedPodTotal,
    };
    if (r.perMinute !== undefined) details.perMinute = r.perMinute;
    if (r.peakPerMinute !== undefined) details.peakPerMinute = r.peakPerMinute;
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary,
        evidence: r.evidence,
        evidenceTotal: r.count,
        metrics: pickMetrics(ctx.metrics, [
          `log.rate.${RULE}`,
          'log.kubelet.errors_per_min',
          'kubelet.cpu_percent',
        ]),
        details,
      }),
    ];
  },
};
