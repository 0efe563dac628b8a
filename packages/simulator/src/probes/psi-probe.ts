import type { NodeContext } from '../generate/node-context.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { mix } from '../model/random.ts';
import type { PsiModel, PsiValues } from '../scenarios/scenario-hooks.ts';

function quiet(seed: number, slot: number, scale: number, uptimeSec: number): PsiValues {
  const v = ((mix(seed, slot) % 1000) / 1000) * scale;
  return {
    avg10: v,
    avg60: v * 0.8,
    avg300: v * 0.7,
    total: Math.floor(uptimeSec * 1_000_000 * scale * 0.004),
  };
}

function line(kind: 'some' | 'full', v: PsiValues): string {
  return `${kind} avg10=${v.avg10.toFixed(2)} avg60=${v.avg60.toFixed(2)} avg300=${v.avg300.toFixed(2)} total=${v.total}`;
}

/** PSI needs kernel 4.20+; older kernels make `cat` fail, and the script sends that to stdout. */
export function psiProbe(ctx: NodeContext): ProbeResult {
  const seed = ctx.node.seed;
  const minute = Math.floor(ctx.at / 60_000);
  const up = ctx.uptimeSec;
  const m: PsiModel = {
    available: !/^(3\.|4\.(1?[0-9])\.)/.test(ctx.profile.distro.kernelRelease),
    cpu: { some: quiet(seed, minute * 3, 1.5, up), full: quiet(seed, minute * 3 + 1, 0, up) },
    memory: { some: quiet(seed, minute * 3 + 2, 0.05, up), full: quiet(seed, minute * 3 + 2, 0.03, up) },
    io: { some: quiet(seed, minute * 3 + 3, 0.9, up), full: quiet(seed, minute * 3 + 3, 0.7, up) },
  };
  ctx.hooks.psi?.(ctx, m);
  const out: string[] = [];
  for (const r of ['cpu', 'memory', 'io'] as const) {
    out.push(`## ${r}`);
    if (!m.available) {
      out.push(`cat: /proc/pressure/${r}: No such file or directory`);
      continue;
    }
    out.push(line('some', m[r].some), line('full', m[r].full));
  }
  // The probe script ends with `exit 0`: a missing /proc/pressure is an answer, not a failure.
  return ok(`${out.join('\n')}\n`, 3);
}
