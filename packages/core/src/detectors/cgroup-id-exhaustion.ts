import { fmtInt, fmtNum, plural, sentence } from '../metrics/format.ts';
import type { Evidence } from '../model/finding.ts';
import type { Severity } from '../model/rule-id.ts';
import { type Detector, levelOf, makeFinding, maxSeverity } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'cgroup-id-exhaustion';
const TITLE = 'Cgroup id exhaustion';

export const cgroupIdExhaustion: Detector = {
  rule: RULE,
  title: TITLE,
  run: (ctx) => {
    const cg = ctx.analysis.cgroups;
    const r = ctx.analysis.logs.rules[RULE];
    const limit = cg.limit;
    const enospc = r?.count ?? 0;
    const overLimit = cg.hierarchies
      .filter((h) => h.ratio >= th('cgroupIdWarningRatio'))
      .sort((a, b) => b.numCgroups - a.numCgroups);
    const severity: Severity | undefined = maxSeverity(
      enospc > 0 ? 'critical' : undefined,
      levelOf(cg.memoryIdRatio, th('cgroupIdWarningRatio'), th('cgroupIdCriticalRatio')),
      overLimit.length > 0
        ? overLimit.some((h) => h.ratio >= th('cgroupIdCriticalRatio'))
          ? 'critical'
          : 'warning'
        : undefined,
      cg.mismatched.length > 0
        ? cg.mismatched.some((h) => (h.excess ?? 0) >= limit)
          ? 'critical'
          : 'warning'
        : undefined,
      levelOf(cg.dying?.dying, th('cgroupDyingWarning'), th('cgroupDyingCritical')),
    );
    if (!severity) return [];

    const parts: string[] = [];
    if (enospc > 0)
      parts.push(`cgroup mkdir failed with "no space left on device" ${plural(enospc, 'time')}`);
    const listed = new Set<string>();
    if (overLimit.length > 0) {
      const mem =
        cg.memory && !overLimit.includes(cg.memory)
          ? `, while memory shows ${fmtInt(cg.memory.numCgroups)}`
          : '';
      parts.push(
        `/proc/cgroups counts ${overLimit
          .slice(0, 4)
          .map(
            (h) =>
              `${h.subsys} ${fmtInt(h.numCgroups)} (${fmtNum(h.ratio)}x the ${fmtInt(limit)} id limit${h.dirCount !== undefined ? `; ${plural(h.dirCount, 'directory', 'directories')}` : ''})`,
          )
          .join(', ')}${mem}: deleted cgroups are not freed`,
      );
      for (const h of overLimit) listed.add(h.subsys);
    }
    const mism = cg.mismatched.filter((h) => !listed.has(h.subsys));
    if (mism.length > 0) {
      parts.push(
        mism
          .slice(0, 3)
          .map(
            (h) =>
              `${h.subsys} has ${fmtInt(h.numCgroups)} cgroups but ${plural(h.dirCount ?? 0, 'directory', 'directories')}`,
          )
          .join(', '),
      );
    }
    if (
      cg.memoryIdRatio !== undefined &&
      cg.memoryIdRatio >= th('cgroupIdWarningRatio') &&
      cg.memoryIdsUsed !== undefined
    ) {
      parts.push(`${fmtInt(cg.memoryIdsUsed)} of ${fmtInt(limit)} memory cgroup ids in use`);
    }
    if (cg.dying && cg.dying.dying >= th('cgroupDyingWarning'))
      parts.push(`${fmtInt(cg.dying.dying)} dying cgroups`);
    const summary = `${parts.join('; ')}.`;

    const evidence: Evidence[] = [];
    const lines = new Set<number>();
    for (const h of [...overLimit, ...cg.mismatched, ...(cg.memory ? [cg.memory] : [])]) {
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
        title: TITLE,
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
          mkdirEnospc: enospc,
          version: cg.version,
        },
      }),
    ];
  },
};
