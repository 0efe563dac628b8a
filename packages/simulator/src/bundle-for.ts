import type { Bundle } from '@nodescope/core';
import { generateArtifacts } from './generate/generate.ts';
import { isScenarioName, unknownScenarioMessage } from './model/scenario-name.ts';
import { REFERENCE_TIME } from './model/sim-time.ts';

export const SIMULATOR_COLLECTOR = 'nodescope-simulator 0.1.0';

/**
 * The bundle a node of this scenario yields, without SSH. Defaults to the incidents' reference
 * time, where incident nodes carry the write-ups' exact figures.
 */
export function bundleFor(
  scenario: string,
  opts: { scale?: number; at?: Date; name?: string; seed?: number } = {},
): Bundle {
  if (!isScenarioName(scenario)) throw new Error(unknownScenarioMessage(scenario));
  const at = opts.at ?? REFERENCE_TIME;
  const name = opts.name ?? (scenario === 'healthy' ? 'worker-healthy-01' : `worker-${scenario}-01`);
  return {
    formatVersion: 1,
    node: { name },
    takenAt: at.toISOString().replace(/\.000Z$/, 'Z'),
    collector: SIMULATOR_COLLECTOR,
    artifacts: generateArtifacts({ name, scenario, scale: opts.scale, seed: opts.seed }, at),
  };
}
