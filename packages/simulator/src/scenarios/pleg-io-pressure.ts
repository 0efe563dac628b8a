import type { ScenarioHooks } from './scenario-hooks.ts';

export const plegIoPressure: ScenarioHooks = {};
