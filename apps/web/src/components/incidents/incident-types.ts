import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@nodescope/api';

type Out = inferRouterOutputs<AppRouter>['incidents'];
export type IncidentData = Out['get'];
export type SharedData = Out['shared'];
export type IncidentListRow = Out['list'][number];
export type PinData = IncidentData['pins'][number];
export type TriageData = PinData['triage'];
export type RunData = TriageData['runs'][number];
export type StepData = RunData['steps'][number];
export type BlockData = StepData['blocks'][number];
export type EventData = IncidentData['events'][number];

export const VERDICTS = ['confirmed', 'ruled-out', 'inconclusive', 'unknown'] as const;
export type VerdictName = (typeof VERDICTS)[number];

export const VERDICT_LABEL: Record<string, string> = {
  confirmed: 'Confirmed',
  'ruled-out': 'Ruled out',
  inconclusive: 'Inconclusive',
  unknown: 'Unknown',
};

export const STATUSES = ['investigating', 'mitigated', 'resolved'] as const;
export const SEVERITIES = ['critical', 'warning', 'info'] as const;

/** The run the wizard walks: the one that reached the root cause, else the first. */
export function mainRun(t: TriageData): RunData | null {
  if (t.rootCause) {
    const hit = t.runs.find((r) => r.playbook === t.rootCause?.playbook);
    if (hit) return hit;
  }
  return t.runs[0] ?? null;
}

export function openedPin(inc: IncidentData): PinData | null {
  return inc.pins.find((p) => p.role === 'opened') ?? inc.pins[0] ?? null;
}

export function lineHref(snapshotId: string, probe: string, line: number): string {
  return `/snapshots/${snapshotId}?probe=${encodeURIComponent(probe)}${line > 0 ? `#L${line}` : ''}`;
}

export function mountsHref(node: string, snapshotId: string, holder?: string): string {
  return `/nodes/${encodeURIComponent(node)}/mounts?snapshot=${snapshotId}${holder ? `&holder=${encodeURIComponent(holder)}` : ''}`;
}
