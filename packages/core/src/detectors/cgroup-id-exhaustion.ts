import { fmtInt, plural, sentence } from '../metrics/format.ts';
import type { Evidence } from '../model/finding.ts';
import type { Severity } from '../model/rule-id.ts';
import { type Detector, levelOf, makeFinding, maxSeverity } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'cgroup-id-exhaustion';

/** "/sys/fs/cgroup/memory/kubepods/…" in a mkdir ENOSPC line -> "memory". */
function hierarchyOfMkdir(evidence: readonly Evidence[]): string | undefined {
  for (const e of evidence) {
    const m = /mkdir \/sys\/fs\/cgroup\/([a-z_,]+)\//.exec(e.text);
    if (m?.[1]) return m[1].split(',').includes('memory') ? 'memory' : m[1];
  }
  return undefined;
}

export const cgroupIdExhaustion: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const cg = ctx.analysis.cgroups;
    const r = ctx.analysis.logs.rules[RULE];
    const limit = cg.limit;
    const enospc = r?.count ?? 0;
    // The hierarchy the failing mkdir names (seed D: /sys/fs/cgroup/memory/kubepods/…).
    const failedIn = hierarchyOfMkdir(r?.evidence ?? []);
    const mismatchCritical = cg.mismatched.some((h) => (h.excess ?? 0) >= limit);
    const severity: Severity | undefined = maxSeverity(
      enospc > 0 ? 'critical' : undefined,
      levelOf(cg.memoryIdRatio, th('cgroupIdWarningRatio'), th('cgroupIdCriticalRatio')),
      cg.mismatched.length > 0 ? (mismatchCritical ? 'critical' : 'warning') : undefined,
      levelOf(cg.dying?.dying, th('cgroupDyingWarning'), th('cgroupDyingCritical')),
    );
    if (!severity) return [];

    // Only the memory hierarchy has a 16-bit id space (MEM_CGROUP_ID_MAX): the others leak
    // visibly as large counts but never run out at 65,535.
    const memoryAtRisk =
      failedIn === 'memory' ||
      (cg.memoryIdRatio ?? 0) >= th('cgroupIdWarningRatio') ||
      (cg.mismatched.length > 0 && cg.kmem.active);
    const parts: string[] = [];
    if (memoryAtRisk) parts.push(`memory cgroup ids (${fmtInt(limit)} at most) are at risk`);
    if (enospc > 0)
      parts.push(
        `cgroup mkdir${failedIn ? ` under ${failedIn}` : ''} failed with "no space left on device" ${plural(enospc, 'time')}`,
      );
    if (cg.memoryIdsUsed !== undefined && (cg.memoryIdRatio ?? 0) >= th('cgroupIdWarningRatio')) {
      parts.push(`${fmtInt(cg.memoryIdsUsed)} of ${fmtInt(limit)} memory cgroup ids in use`);
    } else if (memoryAtRisk && cg.memory && cg.version !== 2) {
      // Seed D: deleted memory cgroups keep their ids while kernel memory is charged to them.
      parts.push(
        `/proc/cgroups shows memory ${fmtInt(cg.memory.numCgroups)}, but deleted memory cgroups keep their ids${cg.kmem.active ? ' while kmem accounting charges kernel memory to them' : ''}`,
      );
    }
    if (cg.mismatched.length > 0) {
      parts.push(
        `${cg.mismatched
          .slice(0, 3)
          .map(
            (h) =>
              `${h.subsys} ${fmtInt(h.numCgroups)} cgroups against ${plural(h.dirCount ?? 0, 'directory', 'directories')}`,
          )
          .join(', ')}: deleted cgroups are not freed`,
      );
    }
    if (cg.dying && cg.dying.dying >= th('cgroupDyingWarning'))
      parts.push(`${fmtInt(cg.dying.dying)} dying cgroups`);
    if (cg.kmem.active)
      parts.push(
        `kmem accounting on${cg.kmem.kernel && cg.kmem.riskyKernel ? ` (kernel ${cg.kmem.kernel.release}, where it leaks)` : ''}`,
      );
    const summary = `${parts.join('; ')}.`;

    const evidence: Evidence[] = [];
    const lines = new Set<number>();
    for (const h of [...cg.mismatched, ...(cg.memory ? [cg.memory] : [])]) {
      if (lines.has(h.line)) continue;
      lines.add(h.line);
      evidence.push({
        probe: 'cgroups',
        line: h.line,
        text: `${h.subsys} ${h.numCgroups}${h.dirCount !== undefined ? ` (dirs ${h.dirCount})` : ''}`,
      });
    }
    if (cg.dying && cg.dying.dying >= th('cgroupDyingWarning')) {
      evidence.push({
        probe: 'cgroups',
        line: cg.dying.line,
        text: `nr_dying_descendants ${cg.dying.dying}`,
      });
    }
    evidence.push(...(r?.evidence ?? []));
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary: sentence(summary),
        evidence,
        evidenceTotal: lines.size + enospc,
        metrics: Object.fromEntries(cg.hierarchies.map((h) => [`cgroups.${h.subsys}`, h.numCgroups])),
        details: {
          limit,
          hierarchies: cg.hierarchies,
          mismatched: cg.mismatched,
          dying: cg.dying,
          memoryIdsUsed: cg.memoryIdsUsed,
          atRisk: memoryAtRisk ? 'memory' : null,
          kmem: cg.kmem,
          mkdirEnospc: enospc,
          version: cg.version,
        },
      }),
    ];
  },
};
