import { fmtInt, plural, sentence } from '../metrics/format.ts';
import type { Evidence } from '../model/finding.ts';
import { type Detector, levelOf, makeFinding, maxSeverity, pickMetrics } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'systemd-unresponsive';
const TIMEOUT_RE = /timed? ?out|timeout|no reply|did not receive a reply/i;

export const systemdUnresponsive: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const sd = ctx.state.systemd;
    const probe = ctx.state.probes.find((p) => p.probe === 'systemd');
    const r = ctx.analysis.logs.rules[RULE];
    const probeTimedOut = probe?.timedOut === true;
    const pingTimedOut =
      sd?.pingTimedOut === true || (sd?.pingError !== undefined && TIMEOUT_RE.test(sd.pingError));
    const timeoutErrors = (sd?.errors ?? []).filter((e) => TIMEOUT_RE.test(e.text));
    const activateTimeouts = r?.byPattern['systemd-activate-timeout'] ?? 0;
    const severity = maxSeverity(
      probeTimedOut || pingTimedOut || activateTimeouts > 0 ? 'critical' : undefined,
      levelOf(sd?.pingMs, th('systemdPingWarningMs'), th('systemdPingCriticalMs')),
      timeoutErrors.length > 0 || (r?.count ?? 0) > 0 ? 'warning' : undefined,
    );
    if (!severity) return [];

    const parts: string[] = [];
    if (pingTimedOut)
      parts.push(
        `systemd did not answer a D-Bus ping (org.freedesktop.systemd1)${sd?.pingError ? `: ${sd.pingError}` : ''}`,
      );
    else if (sd?.pingMs !== undefined && sd.pingMs >= th('systemdPingWarningMs'))
      parts.push(`systemd answered a D-Bus ping in ${fmtInt(sd.pingMs)} ms`);
    if (probeTimedOut) parts.push('the systemd probe itself timed out');
    if (r) parts.push(`${plural(r.count, 'log line')} show D-Bus calls to systemd timing out`);
    if (timeoutErrors.length > 0 && !pingTimedOut)
      parts.push(`${plural(timeoutErrors.length, 'probe error')} with timeouts`);
    let summary = `${parts.join('; ')}.`;
    summary = sentence(summary);
    summary +=
      ' runc cannot create container scopes while PID 1 does not answer; `systemctl daemon-reexec` recovered it in the field (restarting dbus did not).';

    const evidence: Evidence[] = [];
    if (probeTimedOut)
      evidence.push({
        probe: 'systemd',
        line: 0,
        text: `probe timed out${probe?.error ? `: ${probe.error}` : ''}`,
      });
    for (const e of (sd?.errors ?? []).slice(0, 10))
      evidence.push({ probe: 'systemd', line: e.line, text: e.text });
    if (sd?.pingMs !== undefined && sd.pingMs >= th('systemdPingWarningMs')) {
      evidence.push({
        probe: 'systemd',
        line: 0,
        text: `D-Bus ping of org.freedesktop.systemd1: ${sd.pingMs} ms`,
      });
    }
    evidence.push(...(r?.evidence ?? []));
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary,
        evidence,
        evidenceTotal: (probeTimedOut ? 1 : 0) + (sd?.errors.length ?? 0) + (r?.count ?? 0),
        metrics: pickMetrics(ctx.metrics, ['systemd.ping_ms']),
        details: {
          pingMs: sd?.pingMs,
          pingTimedOut,
          probeTimedOut,
          systemState: sd?.systemState,
          failedUnits: sd?.failedUnits ?? [],
          remediation:
            'systemctl daemon-reexec (re-executes PID 1 in place; running services keep running). Check busctl for an exhausted bus name space first.',
        },
      }),
    ];
  },
};
