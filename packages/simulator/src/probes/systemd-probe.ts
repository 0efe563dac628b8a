import type { NodeContext } from '../generate/node-context.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { mix } from '../model/random.ts';
import type { SystemdModel } from '../scenarios/scenario-hooks.ts';

export function systemdProbe(ctx: NodeContext, timeoutSec: number): ProbeResult {
  const m: SystemdModel = {
    hang: false,
    pingRc: 0,
    pingMs: 2 + (mix(ctx.node.seed, Math.floor(ctx.at / 60_000)) % 9),
    state: 'running',
    failedUnits: [],
  };
  ctx.hooks.systemd?.(ctx, m);
  if (m.hang) {
    return {
      stdout: '',
      stderr: '',
      exitCode: null,
      exitSignal: 'KILL',
      durationMs: timeoutSec * 1000,
      hangs: true,
    };
  }
  const lines = [`ping_rc=${m.pingRc} ping_ms=${m.pingMs}`];
  if (m.pingOutput) lines.push(`ping_output=${m.pingOutput}`);
  lines.push(`state=${m.state}`, '## failed units', ...m.failedUnits);
  // `systemctl list-units --state=failed` exits 0 with or without failed units.
  return ok(`${lines.join('\n')}\n`, m.pingMs + 25);
}
