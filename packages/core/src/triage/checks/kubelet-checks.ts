import { fmtMetric, fmtInt, fmtSeconds } from '../../metrics/format.ts';
import type { CheckDef } from '../context.ts';
import { excerpt } from '../evidence-blocks.ts';
import { tt } from '../triage-thresholds.ts';

interface Outlier {
  metric: string;
  label: string;
  value: number;
  median: number;
  ratio?: number;
  peers: number;
}

const CPU = { metric: 'kubelet.cpu_percent', op: '>=', threshold: tt('kubeletCpuPercent') } as const;
const RSS = { metric: 'kubelet.rss_bytes', op: '>=', threshold: tt('kubeletRssBytes') } as const;

/** kubelet CPU and RSS against absolute thresholds; the peer median when the pool was compared. */
export const kubeletUsage: CheckDef = {
  id: 'kubelet-usage',
  rules: ['fleet-outlier'],
  metrics: [CPU, RSS],
  probes: ['kubelet-proc'],
  run: (ctx) => {
    const cpu = ctx.metric(CPU.metric);
    const rss = ctx.metric(RSS.metric);
    const outliers = (ctx.details<{ outliers: Outlier[] }>('fleet-outlier')?.outliers ?? []).filter((o) =>
      o.metric.startsWith('kubelet.'),
    );
    const cpuPeer = outliers.find((o) => o.metric === CPU.metric);
    const facts = { cpu, rss, peerCpuMedian: cpuPeer?.median, peerCpuRatio: cpuPeer?.ratio };
    const blocks = [
      {
        kind: 'chart' as const,
        title: 'kubelet CPU',
        metric: CPU.metric,
        unit: 'percent',
        value: cpu,
        threshold: CPU.threshold,
      },
    ];
    if (cpu === undefined && rss === undefined)
      return { verdict: 'ruled-out', reason: 'No kubelet CPU or RSS figures in the snapshot.', facts };
    const high = ctx.meets(CPU) || ctx.meets(RSS) || outliers.length > 0;
    const parts = [
      cpu !== undefined ? `kubelet uses ${fmtMetric(CPU.metric, cpu)} CPU` : undefined,
      rss !== undefined ? `${fmtMetric(RSS.metric, rss)} RSS` : undefined,
    ].filter(Boolean);
    let reason = `${parts.join(' and ')}`;
    if (cpuPeer)
      reason += `; the pool median is ${fmtMetric(CPU.metric, cpuPeer.median)} (${cpuPeer.ratio ?? '∞'}x)`;
    reason += high ? ': far above normal.' : ': within normal.';
    return { verdict: high ? 'confirmed' : 'ruled-out', reason, facts, blocks };
  },
};

/** The node against its pool peers (fleet-outlier): what made it stand out. */
export const peerComparison: CheckDef = {
  id: 'peer-comparison',
  rules: ['fleet-outlier'],
  metrics: [],
  probes: [],
  run: (ctx) => {
    const f = ctx.finding('fleet-outlier');
    if (!f) {
      if (!ctx.input.peersCompared)
        return {
          verdict: 'unknown',
          reason:
            'No pool peers were compared (offline triage, or fewer than 3 peers with the same labels): compare with a healthy node by hand.',
        };
      return { verdict: 'ruled-out', reason: 'No metric stands out from the pool peers.' };
    }
    const outliers = (f.details as { outliers?: Outlier[] } | undefined)?.outliers ?? [];
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: [
        {
          kind: 'peer-comparison',
          title: 'This node against its pool peers',
          rows: outliers.slice(0, 10).map((o) => {
            const row: {
              metric: string;
              label: string;
              value: number;
              median: number;
              ratio?: number;
              peers: number;
            } = { metric: o.metric, label: o.label, value: o.value, median: o.median, peers: o.peers };
            if (o.ratio !== undefined) row.ratio = o.ratio;
            return row;
          }),
        },
      ],
      facts: { outliers: outliers.length },
    };
  },
};

interface RestartDetails {
  exits: number;
  restarts: number;
  exitStatuses: Record<string, number>;
  lastFatal: { line: number; text: string };
  firstTime: string;
  lastTime: string;
}

/** kubelet exiting and restarted by systemd, and the fatal error it exits on. */
export const kubeletRestarts: CheckDef = {
  id: 'kubelet-restarts',
  rules: ['kubelet-restart-loop'],
  metrics: [],
  probes: ['kubelet-log'],
  run: (ctx) => {
    const f = ctx.finding('kubelet-restart-loop');
    if (!f) return { verdict: 'ruled-out', reason: 'kubelet did not exit or restart in the log window.' };
    const d = (f.details ?? {}) as Partial<RestartDetails>;
    const span =
      d.firstTime && d.lastTime ? (Date.parse(d.lastTime) - Date.parse(d.firstTime)) / 1000 : undefined;
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: excerpt('kubelet exits and restarts', f.evidence, f.evidenceTotal),
      facts: {
        exits: d.exits,
        restarts: d.restarts,
        lastFatal: d.lastFatal?.text,
        window: span !== undefined && Number.isFinite(span) ? fmtSeconds(Math.max(1, span)) : undefined,
        statuses: Object.entries(d.exitStatuses ?? {})
          .map(([s, n]) => `${s} x${fmtInt(n)}`)
          .join(', '),
      },
    };
  },
};
