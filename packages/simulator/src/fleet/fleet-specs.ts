import { INCIDENT_SCENARIOS, type ScenarioName } from '../model/scenario-name.ts';
import type { SimNodeSpec } from '../model/sim-node-spec.ts';
import { DAY, HOUR, type IncidentTimeline } from '../model/sim-time.ts';

export type FleetMix = 'demo' | 'healthy' | 'incidents';
export const FLEET_MIXES: readonly FleetMix[] = ['demo', 'healthy', 'incidents'];

interface Placement {
  cluster: string;
  pool: string;
}

const DEMO_LAYOUT: { place: Placement; count: number; incidents: ScenarioName[] }[] = [
  { place: { cluster: 'prod-east', pool: 'general' }, count: 9, incidents: ['mount-leak', 'xfs-io-errors'] },
  {
    place: { cluster: 'prod-east', pool: 'highmem' },
    count: 7,
    incidents: ['pleg-io-pressure', 'systemd-hang'],
  },
  { place: { cluster: 'legacy-west', pool: 'batch' }, count: 7, incidents: ['cgroup-kmem-leak'] },
];

/** The untrusted node whose host key does not match known_hosts: the demo shows the refusal. */
export const UNTRUSTED_NODE = 'edge-untrusted-01';

export interface DemoTimelineOptions {
  /** When the incidents reach their write-up figures: the demo's start. */
  now: Date;
  /** How much history the demo writes: the incidents develop inside it. */
  historyMs: number;
}

/**
 * Incidents whose write-up moment is only minutes or hours after the onset (the disks failed
 * 50 min before seed C's figures, systemd hung 3 h before seed E's) are placed that much
 * earlier in the demo, so a day of history shows them developing rather than a last-hour step.
 */
const DEMO_SETTLED_MS: Partial<Record<ScenarioName, number>> = {
  'xfs-io-errors': 10 * HOUR,
  'systemd-hang': 5 * HOUR,
};

/**
 * The demo's incidents reach their write-up figures at its start (or the hours given above
 * before it) and develop over the last ~85 % of a day of history (the write-ups' long phases
 * compressed to fit, shorter ones kept), so the default 24 h charts show the onset and the
 * growth rather than a flat line.
 */
export function demoTimeline(opts: DemoTimelineOptions, scenario: ScenarioName): IncidentTimeline {
  const referenceMs = Math.ceil(opts.now.getTime() / HOUR) * HOUR - (DEMO_SETTLED_MS[scenario] ?? 0);
  return { referenceMs, onsetMs: Math.max(HOUR, Math.round(Math.min(opts.historyMs, DAY) * 0.85)) };
}

/**
 * About two dozen nodes in two clusters and three pools: one node per incident, each with
 * healthy peers in its pool to be compared against, and one node with a wrong host key.
 * Without a timeline the incidents keep the write-ups' reference time.
 */
export function demoFleet(timeline?: DemoTimelineOptions): SimNodeSpec[] {
  const nodes: SimNodeSpec[] = [];
  for (const group of DEMO_LAYOUT) {
    for (let i = 0; i < group.count; i++) {
      const scenario = group.incidents[i === 2 ? 0 : i === 5 ? 1 : -1] ?? 'healthy';
      nodes.push({
        name: `${group.place.cluster}-${group.place.pool}-${String(i + 1).padStart(2, '0')}`,
        scenario,
        labels: { cluster: group.place.cluster, pool: group.place.pool },
        ...(timeline && scenario !== 'healthy' ? { timeline: demoTimeline(timeline, scenario) } : {}),
      });
    }
  }
  nodes.push({
    name: UNTRUSTED_NODE,
    scenario: 'healthy',
    labels: { cluster: 'legacy-west', pool: 'batch' },
    faults: ['wrong-host-key'],
  });
  return nodes;
}

/** N nodes for load and scale runs, named node-0001…, spread over 4 clusters and 3 pools. */
export function mixFleet(n: number, mix: FleetMix = 'demo'): SimNodeSpec[] {
  const width = Math.max(4, String(n).length);
  const nodes: SimNodeSpec[] = [];
  for (let i = 0; i < n; i++) {
    let scenario: ScenarioName = 'healthy';
    if (mix === 'incidents') scenario = INCIDENT_SCENARIOS[i % INCIDENT_SCENARIOS.length] as ScenarioName;
    // One incident node in every 24, like the demo fleet.
    else if (mix === 'demo' && i % 24 >= 19) scenario = INCIDENT_SCENARIOS[(i % 24) - 19] as ScenarioName;
    nodes.push({
      name: `node-${String(i + 1).padStart(width, '0')}`,
      scenario,
      labels: {
        cluster: `cluster-${(i % 4) + 1}`,
        pool: ['general', 'highmem', 'batch'][Math.floor(i / 4) % 3] as string,
      },
    });
  }
  return nodes;
}
