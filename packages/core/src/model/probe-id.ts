/**
 * Probe ids are a contract shared by the collector, the simulator, the bundle format and the
 * shell collector: an id keeps its meaning forever, new ids may be added.
 */
export const PROBE_IDS = [
  'system',
  'mountinfo',
  'mountinfo-ns',
  'blockdev',
  'processes',
  'cgroups',
  'psi',
  'containers',
  'kubelet-log',
  'runtime-log',
  'dmesg',
  'systemd',
  'kubelet-proc',
] as const;

export type ProbeId = (typeof PROBE_IDS)[number];

export function isProbeId(value: string): value is ProbeId {
  return (PROBE_IDS as readonly string[]).includes(value);
}
