import { normalizeKernelThread, type ThreadGroup } from '../analysis/thread-groups.ts';
import { fmtInt, fmtNum, plural } from '../metrics/format.ts';
import { metricSpec } from '../metrics/metric-catalogue.ts';
import type { Evidence } from '../model/finding.ts';
import { type Detector, levelOf, makeFinding, maxSeverity, pickMetrics } from './detector.ts';
import { median } from './fleet-stats.ts';
import { th } from './thresholds.ts';

const RULE = 'kernel-thread-flood';
const METRICS = [
  'tasks.total',
  'threads.kernel',
  'threads.jbd2',
  'threads.jbd2_ckpt',
  'threads.ext4_rsv_conver',
  'threads.kworker',
  'threads.kdmflush',
  'threads.bioset',
];

export const kernelThreadFlood: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const t = ctx.analysis.threads;
    if (t.kernelThreads === 0) return [];
    const journal = t.byGroup.jbd2 + t.byGroup.jbd2_ckpt;
    const kworkerLimit = Math.max(
      th('kworkersMinimumWarning'),
      (ctx.state.system.cpus ?? 0) * th('kworkersPerCpuWarning'),
    );
    const peerValues = (ctx.peers ?? [])
      .map((p) => p.metrics['threads.kernel'])
      .filter((v): v is number => v !== undefined);
    const peerMedian = peerValues.length >= th('outlierMinimumPeers') ? median(peerValues) : undefined;
    const fleetHigh =
      peerMedian !== undefined &&
      peerMedian > 0 &&
      t.kernelThreads >= (metricSpec('threads.kernel')?.outlierFloor ?? 0) &&
      t.kernelThreads >= peerMedian * th('outlierRatio');
    const severity = maxSeverity(
      levelOf(t.kernelThreads, th('kernelThreadsWarning'), th('kernelThreadsCritical')),
      levelOf(t.journal.devices, th('jbd2SetsWarning'), th('jbd2SetsCritical')),
      t.byGroup.kworker >= kworkerLimit ? 'warning' : undefined,
      fleetHigh ? 'warning' : undefined,
    );
    if (!severity) return [];

    const parts = [`${fmtInt(t.kernelThreads)} kernel threads of ${fmtInt(t.tasks)} tasks`];
    const flagged = new Set<ThreadGroup>();
    if (journal > 0 && t.journal.devices >= th('jbd2SetsWarning')) {
      flagged.add('jbd2').add('jbd2_ckpt').add('ext4_rsv_conver');
      let s = `${fmtInt(journal)} jbd2+jbd2-ckpt and ${fmtInt(t.byGroup.ext4_rsv_conver)} ext4-rsv-conver threads: one journal thread set per ext4 filesystem, for ${plural(t.journal.devices, 'device')}`;
      if (t.journal.notMountedOnHost > 0)
        s += ` (${fmtInt(t.journal.notMountedOnHost)} not mounted on the host)`;
      parts.push(s);
    }
    if (t.byGroup.kworker >= kworkerLimit) {
      flagged.add('kworker');
      const q = t.kworkerQueues[0];
      parts.push(
        `${fmtInt(t.byGroup.kworker)} kworker threads${q ? ` (most on ${q.queue}: ${fmtInt(q.count)})` : ''}`,
      );
    }
    if (flagged.size === 0) {
      const top = t.topNames[0];
      if (top) parts.push(`most are ${top.name} (${fmtInt(top.count)})`);
    }
    let summary = `${parts.join('; ')}.`;
    if (peerMedian !== undefined && peerMedian > 0) {
      summary += ` Peers' median is ${fmtInt(peerMedian)} (${fmtNum(t.kernelThreads / peerMedian)}x).`;
    }

    const evidence: Evidence[] = [];
    let total = 0;
    for (const p of ctx.state.processes) {
      if (!p.isKernelThread) continue;
      const g = normalizeKernelThread(p.comm || p.args).group;
      if (flagged.size > 0 && !flagged.has(g)) continue;
      total++;
      if (evidence.length < th('evidenceCap'))
        evidence.push({ probe: 'processes', line: p.line, text: p.args || p.comm });
    }
    const details: Record<string, unknown> = {
      byGroup: t.byGroup,
      topNames: t.topNames,
      kworkerQueues: t.kworkerQueues,
      journalDevices: t.journal,
    };
    if (peerMedian !== undefined) details.peerMedian = peerMedian;
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary,
        evidence,
        evidenceTotal: total,
        metrics: pickMetrics(ctx.metrics, METRICS),
        details,
      }),
    ];
  },
};
