import type { PatternCounts } from '../../analysis/log-patterns.ts';
import { fmtMetric, fmtNum } from '../../metrics/format.ts';
import type { CheckDef } from '../context.ts';
import { excerpt } from '../evidence-blocks.ts';
import { tt } from '../triage-thresholds.ts';

interface PlegDetails {
  relists: number;
  notHealthy: number;
  maxGap: { from: string; to: string; seconds: number; line: number };
  medianGapSeconds: number;
  maxStalenessSeconds: number;
}

const clock = (iso: string | undefined) => (iso && iso.length >= 19 ? iso.slice(11, 19) : '?');

/** PLEG relist gaps and "PLEG is not healthy" from the kubelet log. */
export const plegRelist: CheckDef = {
  id: 'pleg-relist',
  rules: ['pleg-unhealthy'],
  metrics: [{ metric: 'pleg.relist_max_gap_s', op: '>=', threshold: tt('plegGapSeconds') }],
  probes: ['kubelet-log'],
  run: (ctx) => {
    const f = ctx.finding('pleg-unhealthy');
    if (!f) {
      const gap = ctx.metric('pleg.relist_max_gap_s');
      return {
        verdict: 'ruled-out',
        reason:
          gap === undefined
            ? 'No PLEG relist trouble in the kubelet log.'
            : `Longest relist gap ${fmtMetric('pleg.relist_max_gap_s', gap)}: PLEG keeps up.`,
      };
    }
    const d = (f.details ?? {}) as Partial<PlegDetails>;
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: [
        {
          kind: 'chart',
          title: 'PLEG relist gaps',
          metric: 'pleg.relist_max_gap_s',
          unit: 'seconds',
          value: d.maxGap?.seconds,
          threshold: tt('plegGapSeconds'),
        },
        ...excerpt('PLEG in the kubelet log', f.evidence, f.evidenceTotal),
      ],
      facts: {
        notHealthy: d.notHealthy,
        maxGap: d.maxGap?.seconds !== undefined ? fmtNum(d.maxGap.seconds) : undefined,
        gapFrom: clock(d.maxGap?.from),
        gapTo: clock(d.maxGap?.to),
        medianGap: d.medianGapSeconds !== undefined ? fmtNum(d.medianGapSeconds) : undefined,
        staleness: d.maxStalenessSeconds !== undefined ? fmtNum(d.maxStalenessSeconds) : undefined,
      },
    };
  },
};

/** Container runtime calls timing out (deadline exceeded, TaskExit handling failed). */
export const runtimeDeadlines: CheckDef = {
  id: 'runtime-deadlines',
  rules: ['runtime-slow'],
  metrics: [],
  probes: ['runtime-log'],
  run: (ctx) => {
    const f = ctx.finding('runtime-slow');
    if (!f) return { verdict: 'ruled-out', reason: 'No container runtime call timed out.' };
    const p = (f.details as { byPattern?: PatternCounts } | undefined)?.byPattern ?? {};
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: excerpt('Runtime deadline errors', f.evidence, f.evidenceTotal),
      facts: { deadlines: p['deadline-exceeded'], taskExit: p['taskexit-failed'], total: f.evidenceTotal },
    };
  },
};

const IO_SOME = { metric: 'psi.io.some.avg10', op: '>=', threshold: tt('psiIoSome') } as const;

/** I/O pressure (PSI): how much of the time tasks were stalled on I/O. */
export const ioPressure: CheckDef = {
  id: 'io-pressure',
  rules: ['pressure-stall', 'hung-task'],
  metrics: [IO_SOME, { metric: 'psi.io.full.avg10', op: '>=', threshold: 10 }],
  probes: ['psi'],
  run: (ctx) => {
    const some = ctx.metric(IO_SOME.metric);
    const full = ctx.metric('psi.io.full.avg10');
    const f = ctx.finding('pressure-stall');
    const facts = { ioSome: some, ioFull: full };
    const chart = {
      kind: 'chart' as const,
      title: 'I/O pressure',
      metric: IO_SOME.metric,
      unit: 'percent',
      value: some,
      threshold: IO_SOME.threshold,
    };
    if (some === undefined) {
      return {
        verdict: 'unknown',
        reason:
          ctx.probe('psi').state === 'ok'
            ? 'The kernel has no /proc/pressure (before 4.20, or psi=0): check `iostat -x 1` for device utilisation and await instead.'
            : `No PSI figures: ${ctx.gaps(['psi']).join(', ')}.`,
        facts,
      };
    }
    if (some >= IO_SOME.threshold)
      return {
        verdict: 'confirmed',
        reason: f?.summary ?? `Tasks stalled on I/O ${fmtMetric(IO_SOME.metric, some)} of the time.`,
        evidence: f?.evidence ?? [],
        blocks: [chart],
        facts,
      };
    return {
      verdict: 'ruled-out',
      reason: `I/O pressure ${fmtMetric(IO_SOME.metric, some)} (some, avg10): the disks keep up.`,
      blocks: [chart],
      facts,
    };
  },
};

interface RuncProc {
  pid: number;
  state: string;
  elapsedSeconds: number;
  args: string;
}

/** runc processes lingering past the threshold or stuck in D state. */
export const runcLingering: CheckDef = {
  id: 'runc-lingering',
  rules: ['runc-stuck', 'hung-task'],
  metrics: [{ metric: 'processes.d_state', op: '>=', threshold: 5 }],
  probes: ['processes'],
  run: (ctx) => {
    const f = ctx.finding('runc-stuck');
    if (!f) return { verdict: 'ruled-out', reason: 'No runc process older than a minute.' };
    const d = (f.details ?? {}) as { processes?: RuncProc[]; processTotal?: number };
    const procs = d.processes ?? [];
    const oldest = Math.max(0, ...procs.map((p) => p.elapsedSeconds ?? 0));
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: [
        {
          kind: 'counts',
          title: 'Lingering runc processes',
          columns: ['pid', 'state', 'age (s)', 'command'],
          rows: procs.slice(0, 10).map((p) => [p.pid, p.state, p.elapsedSeconds, p.args.slice(0, 80)]),
        },
      ],
      facts: {
        total: d.processTotal ?? procs.length,
        dState: ctx.metric('processes.d_state') ?? procs.filter((p) => p.state?.startsWith('D')).length,
        oldestSeconds: oldest,
      },
    };
  },
};

/** Containers stuck in removal (dead, Removal In Progress, rootfs busy). */
export const stuckRemoval: CheckDef = {
  id: 'stuck-removal',
  rules: ['container-stuck-removal'],
  metrics: [{ metric: 'containers.dead', op: '>=', threshold: 1 }],
  probes: ['containers'],
  run: (ctx) => {
    const f = ctx.finding('container-stuck-removal');
    if (!f) return { verdict: 'ruled-out', reason: 'No container is stuck in removal.' };
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: excerpt('Containers stuck in removal', f.evidence, f.evidenceTotal),
      facts: { total: (f.details as { containerTotal?: number } | undefined)?.containerTotal },
    };
  },
};

const PING = { metric: 'systemd.ping_ms', op: '>=', threshold: tt('systemdPingMs') } as const;

/** A timed D-Bus ping of org.freedesktop.systemd1: does PID 1 answer? */
export const systemdAnswers: CheckDef = {
  id: 'systemd-answers',
  rules: ['systemd-unresponsive'],
  metrics: [PING],
  probes: ['systemd'],
  run: (ctx) => {
    const f = ctx.finding('systemd-unresponsive');
    const ping = ctx.metric(PING.metric);
    if (!f)
      return {
        verdict: 'ruled-out',
        reason: `systemd answers on D-Bus${ping !== undefined ? ` in ${fmtMetric(PING.metric, ping)}` : ''}.`,
        facts: { pingMs: ping },
      };
    const d = (f.details ?? {}) as { pingTimedOut?: boolean; probeTimedOut?: boolean };
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: excerpt('systemd probe', f.evidence, f.evidenceTotal),
      facts: { pingMs: ping, pingTimedOut: d.pingTimedOut, probeTimedOut: d.probeTimedOut },
    };
  },
};
