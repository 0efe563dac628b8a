import { fmtNum } from '../metrics/format.ts';
import type { Evidence } from '../model/finding.ts';
import type { PsiLine } from '../model/node-state.ts';
import { type Detector, levelOf, makeFinding, maxSeverity, pickMetrics } from './detector.ts';
import { type ThresholdName, th } from './thresholds.ts';

const RULE = 'pressure-stall';

interface Check {
  resource: 'io' | 'memory' | 'cpu' | 'unlabelled';
  kind: 'some' | 'full';
  warning: ThresholdName;
  critical: ThresholdName;
}

const CHECKS: Check[] = [
  { resource: 'io', kind: 'some', warning: 'psiIoSomeWarning', critical: 'psiIoSomeCritical' },
  { resource: 'io', kind: 'full', warning: 'psiIoFullWarning', critical: 'psiIoFullCritical' },
  { resource: 'memory', kind: 'some', warning: 'psiMemorySomeWarning', critical: 'psiMemorySomeCritical' },
  { resource: 'memory', kind: 'full', warning: 'psiMemoryFullWarning', critical: 'psiMemoryFullCritical' },
  { resource: 'cpu', kind: 'some', warning: 'psiCpuSomeWarning', critical: 'psiCpuSomeCritical' },
  // A pasted file with no resource name is judged by the io thresholds, the most common paste.
  { resource: 'unlabelled', kind: 'some', warning: 'psiIoSomeWarning', critical: 'psiIoSomeCritical' },
  { resource: 'unlabelled', kind: 'full', warning: 'psiIoFullWarning', critical: 'psiIoFullCritical' },
];

export const pressureStall: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const p = ctx.state.pressure;
    if (!p.available) return [];
    const hits: { check: Check; line: PsiLine; level: 'warning' | 'critical' }[] = [];
    for (const c of CHECKS) {
      const line = p[c.resource]?.[c.kind];
      const level = levelOf(line?.avg10, th(c.warning), th(c.critical));
      if (line && level && level !== 'info') hits.push({ check: c, line, level });
    }
    if (hits.length === 0) return [];
    const severity = maxSeverity(...hits.map((h) => h.level)) ?? 'warning';
    const parts = hits.map(
      (h) =>
        `${h.check.resource === 'unlabelled' ? 'unnamed resource' : h.check.resource} ${h.check.kind} ${fmtNum(h.line.avg10)}% (avg60 ${fmtNum(h.line.avg60)}%, avg300 ${fmtNum(h.line.avg300)}%)`,
    );
    const evidence: Evidence[] = hits.map((h) => ({
      probe: 'psi',
      line: h.line.line,
      text: `${h.check.resource}: ${h.check.kind} avg10=${h.line.avg10} avg60=${h.line.avg60} avg300=${h.line.avg300} total=${h.line.total}`,
    }));
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary: `Tasks stalled: ${parts.join(', ')}.`,
        evidence,
        evidenceTotal: evidence.length,
        metrics: pickMetrics(ctx.metrics, [
          'psi.io.some.avg10',
          'psi.io.full.avg10',
          'psi.memory.some.avg10',
          'psi.memory.full.avg10',
          'psi.cpu.some.avg10',
        ]),
        details: {
          stalls: hits.map((h) => ({
            resource: h.check.resource,
            kind: h.check.kind,
            ...h.line,
            level: h.level,
          })),
        },
      }),
    ];
  },
};
