import { hashString } from './random.ts';
import type { ScenarioName } from './scenario-name.ts';
import { type Fault, type FaultSpec, parseFault } from './fault.ts';
import { DEFAULT_TIMELINE, type IncidentTimeline } from './sim-time.ts';

/** A simulated node as declared by a fleet: everything it reports derives from this and the time. */
export interface SimNodeSpec {
  name: string;
  scenario: ScenarioName;
  /** Defaults to a hash of the name, so a node keeps its character across runs. */
  seed?: number;
  /** 0 < scale <= 1: shrinks incident figures (leaked disks, mounts, threads) for small copies. */
  scale?: number;
  /** Merged into the inventory labels; `scenario` is always set from the scenario. */
  labels?: Record<string, string>;
  faults?: FaultSpec[];
  /** When the incident reaches its write-up figures (default: the reference time) and how fast. */
  timeline?: IncidentTimeline;
}

/** A spec with defaults applied and faults parsed: what the generators and servers work from. */
export interface ResolvedNode {
  name: string;
  scenario: ScenarioName;
  seed: number;
  scale: number;
  labels: Record<string, string>;
  faults: Fault[];
  timeline: IncidentTimeline;
}

export function resolveNode(spec: SimNodeSpec): ResolvedNode {
  const scale = spec.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new Error(`node ${spec.name}: scale must be in (0, 1], got ${scale}`);
  return {
    name: spec.name,
    scenario: spec.scenario,
    seed: (spec.seed ?? hashString(spec.name)) >>> 0,
    scale,
    labels: { ...spec.labels, scenario: spec.scenario },
    faults: (spec.faults ?? []).map(parseFault),
    timeline: spec.timeline ?? DEFAULT_TIMELINE,
  };
}
