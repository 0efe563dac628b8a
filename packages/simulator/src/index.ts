export { bundleFor, SIMULATOR_COLLECTOR } from './bundle-for.ts';
export { simulateCommand } from './cli.ts';
export {
  demoFleet,
  demoTimeline,
  FLEET_MIXES,
  type FleetMix,
  mixFleet,
  UNTRUSTED_NODE,
} from './fleet/fleet-specs.ts';
export { type InventoryEntry, writeInventory } from './fleet/inventory.ts';
export { type Fleet, type StartFleetOptions, startFleet } from './fleet/start-fleet.ts';
export { generateArtifacts, generateProbeOutput, toArtifact } from './generate/generate.ts';
export type { ProbeResult } from './generate/probe-result.ts';
export { type Fault, type FaultSpec, formatFault, HUGE_OUTPUT_BYTES, parseFault } from './model/fault.ts';
export {
  INCIDENT_SCENARIOS,
  isScenarioName,
  SCENARIO_NAMES,
  type ScenarioName,
} from './model/scenario-name.ts';
export { type ResolvedNode, resolveNode, type SimNodeSpec } from './model/sim-node-spec.ts';
export { backfillTimes, type IncidentTimeline, REFERENCE_TIME } from './model/sim-time.ts';
export { knownHostsLine } from './server/keys.ts';
