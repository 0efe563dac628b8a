import { INCIDENT_SCENARIOS, type ScenarioName } from '../model/scenario-name.ts';
import type { SimNodeSpec } from '../model/sim-node-spec.ts';

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

/**
 * About two dozen nodes in two clusters and three pools: one node per incident, each with
 * healthy peers in its pool to be compared against, and one node with a wrong host key.
 */
export function demoFleet(): SimNodeSpec[] {
  const nodes: SimNodeSpec[] = [];
  for (const group of DEMO_LAYOUT) {
    for (let i = 0; i < group.count; i++) {
      const scenario = group.incidents[i === 2 ? 0 : i === 5 ? 1 : -1] ?? 'healthy';
      nodes.push({
        name: `${group.place.cluster}-${group.place.pool}-${String(i + 1).padStart(2, '0')}`,
        scenario,
        labels: { cluster: group.place.cluster, pool: group.place.pool },
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
