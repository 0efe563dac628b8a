/** Scenario names are a contract (DESIGN.md): the CLI, the demo fleet and the tests use them. */
export const SCENARIO_NAMES = [
  'healthy',
  'mount-leak',
  'pleg-io-pressure',
  'xfs-io-errors',
  'cgroup-kmem-leak',
  'systemd-hang',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const INCIDENT_SCENARIOS: readonly ScenarioName[] = SCENARIO_NAMES.filter((s) => s !== 'healthy');

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}

export function unknownScenarioMessage(name: string): string {
  return `unknown scenario "${name}"; valid scenarios: ${SCENARIO_NAMES.join(', ')}`;
}
