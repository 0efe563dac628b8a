import { fmtMetric, fmtNum } from '../metrics/format.ts';
import { METRICS, metricSpec } from '../metrics/metric-catalogue.ts';
import type { Evidence, Finding, Metrics } from '../model/finding.ts';
import type { ProbeId } from '../model/probe-id.ts';
import { type Detector, makeFinding, type Peer } from './detector.ts';
import { byDistance, comparePeers, type PeerComparison } from './peer-comparison.ts';
import { th } from './thresholds.ts';

const RULE = 'fleet-outlier';

/** One metric far from the node's peers, as the peer comparison judged it. */
export interface Outlier extends PeerComparison {
  label: string;
}

const PROBE_OF: [string, ProbeId][] = [
  ['kubelet.', 'kubelet-proc'],
  ['tasks.', 'processes'],
  ['threads.', 'processes'],
  ['processes.', 'processes'],
  ['mounts.', 'mountinfo'],
  ['blockdev.', 'blockdev'],
  ['cgroups.', 'cgroups'],
  ['psi.', 'psi'],
  ['pleg.', 'kubelet-log'],
  ['log.', 'kubelet-log'],
  ['containers.', 'containers'],
  ['systemd.', 'systemd'],
];

function probeOf(metric: string): ProbeId {
  return PROBE_OF.find(([p]) => metric.startsWith(p))?.[1] ?? 'system';
}

/** Metrics compared against peers: every catalogued metric with an outlier floor, key ones first. */
const COMPARED = [...METRICS.filter((m) => m.outlierFloor !== undefined && !m.name.endsWith('.*'))].sort(
  (a, b) => Number(b.key === true) - Number(a.key === true),
);

export function findOutliers(node: { name: string; metrics: Metrics }, peers: Peer[]): Outlier[] {
  return comparePeers(
    node,
    peers,
    COMPARED.map((m) => m.name),
  )
    .filter((c) => c.outlier)
    .map((c) => ({ ...c, label: metricSpec(c.metric)?.label ?? c.metric }))
    .sort(byDistance);
}

function describe(o: Outlier): string {
  const v = fmtMetric(o.metric, o.value);
  const m = fmtMetric(o.metric, o.median);
  return o.ratio === undefined
    ? `${o.label} ${v} while the peer median is ${m}`
    : `${o.label} ${v} is ${fmtNum(o.ratio)}x the peer median ${m}`;
}

export function detectFleetOutliers(node: { name: string; metrics: Metrics }, peers: Peer[]): Finding[] {
  const outliers = findOutliers(node, peers);
  if (outliers.length === 0) return [];
  const critical = outliers.some((o) => o.ratio !== undefined && o.ratio >= th('outlierCriticalRatio'));
  const key = new Set(METRICS.filter((m) => m.key).map((m) => m.name));
  // Key metrics lead: they are what an on-call engineer compares first.
  const ordered = [
    ...outliers.filter((o) => key.has(o.metric)),
    ...outliers.filter((o) => !key.has(o.metric)),
  ];
  const shown = ordered.slice(0, 4);
  let summary = `${shown.map(describe).join('; ')}`;
  const more = ordered.length - shown.length;
  if (more > 0) summary += `; ${more} more ${more === 1 ? 'metric stands' : 'metrics stand'} out`;
  // Labels keep their case: "kubelet CPU" is how engineers write it.
  summary += ` (${outliers[0]?.peers ?? 0} peers).`;
  const evidence: Evidence[] = ordered.map((o) => ({ probe: probeOf(o.metric), line: 0, text: describe(o) }));
  return [
    makeFinding({
      rule: RULE,
      severity: critical ? 'critical' : 'warning',
      summary,
      evidence,
      evidenceTotal: evidence.length,
      metrics: Object.fromEntries(ordered.map((o) => [o.metric, o.value])),
      details: { node: node.name, outliers: ordered },
    }),
  ];
}

export const fleetOutlier: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    if (!ctx.peers || ctx.peers.length === 0) return [];
    const name = ctx.nodeName ?? ctx.state.system.hostname ?? '';
    return detectFleetOutliers({ name, metrics: ctx.metrics }, ctx.peers);
  },
};
