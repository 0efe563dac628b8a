import { fmtSeconds, plural, sentence } from '../metrics/format.ts';
import type { ProcessEntry } from '../model/node-state.ts';
import { type Detector, makeFinding } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'runc-stuck';

/** runc itself, not containerd-shim-runc-v2 (a long-lived shim is normal). */
export function isRunc(p: ProcessEntry): boolean {
  if (p.isKernelThread) return false;
  if (/^runc(?::|$)/.test(p.comm)) return true;
  return /(?:^|\/)runc(?:\s|$)/.test(p.args) && !p.args.includes('containerd-shim');
}

export const runcStuck: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const warnAge = th('runcAgeWarningSeconds');
    const critAge = th('runcAgeCriticalSeconds');
    const runc = ctx.state.processes.filter(isRunc);
    const old = runc.filter(
      (p) => (p.elapsedSeconds ?? 0) >= warnAge || (p.state === 'D' && p.elapsedSeconds === undefined),
    );
    const r = ctx.analysis.logs.rules[RULE];
    if (old.length === 0 && !r) return [];
    const veryOld = old.filter((p) => (p.elapsedSeconds ?? 0) >= critAge);
    const dState = old.filter((p) => p.state === 'D');
    const severity =
      veryOld.length >= th('runcStuckCriticalCount') || dState.length > 0 ? 'critical' : 'warning';
    const oldest = [...old].sort((a, b) => (b.elapsedSeconds ?? 0) - (a.elapsedSeconds ?? 0))[0];
    let summary =
      old.length > 0
        ? `${plural(old.length, 'runc process', 'runc processes')} older than ${fmtSeconds(warnAge)}`
        : '';
    if (oldest?.elapsedSeconds !== undefined)
      summary += ` (oldest ${fmtSeconds(oldest.elapsedSeconds)}${dState.length > 0 ? `, ${dState.length} in D state` : ''})`;
    if (oldest) summary += `: ${oldest.args.slice(0, 200)}`;
    if (r) summary += `${summary ? '; ' : ''}${plural(r.count, 'log line')} report runc timing out`;
    summary += '.';
    const sd = ctx.state.systemd;
    if (sd?.pingTimedOut || ctx.state.probes.some((p) => p.probe === 'systemd' && p.timedOut)) {
      summary += ' systemd is not answering on D-Bus: runc waits on it to create the container scope.';
    }
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary: sentence(summary),
        evidence: [
          ...old.map((p) => ({ probe: 'processes' as const, line: p.line, text: p.args || p.comm })),
          ...(r?.evidence ?? []),
        ],
        evidenceTotal: old.length + (r?.count ?? 0),
        metrics: {},
        details: {
          processes: old.slice(0, 50).map((p) => ({
            pid: p.pid,
            ppid: p.ppid,
            state: p.stateRaw,
            elapsedSeconds: p.elapsedSeconds,
            wchan: p.wchan,
            args: p.args,
          })),
          processTotal: old.length,
        },
      }),
    ];
  },
};
