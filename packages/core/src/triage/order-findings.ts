import { RULE_IDS, type Severity, severityRank } from '../model/rule-id.ts';
import { CONCLUSIONS } from './conclusions/index.ts';
import type { ConclusionId, TriageReport } from './types.ts';

export type FindingRole = 'cause' | 'consequence' | 'other';

export interface OrderedFinding<F> {
  finding: F;
  role: FindingRole;
}

/**
 * A stable order for a node's findings: the root cause's own finding first, then its
 * consequences in causal order, then everything else by severity and rule catalogue order.
 * Works on stored findings too (anything with `rule` and `severity`).
 */
export function orderFindings<F extends { rule: string; severity: string }>(
  findings: F[],
  rootCause: ConclusionId | TriageReport['rootCause'] | undefined,
): OrderedFinding<F>[] {
  const id = typeof rootCause === 'string' ? rootCause : rootCause?.id;
  const chain = id ? CONCLUSIONS[id].rules : [];
  const chainPos = new Map(chain.map((r, i) => [r as string, i]));
  const catalogue = new Map(RULE_IDS.map((r, i) => [r as string, i]));
  const indexed = findings.map((f, i) => ({ f, i }));
  indexed.sort((a, b) => {
    const ca = chainPos.get(a.f.rule) ?? Number.POSITIVE_INFINITY;
    const cb = chainPos.get(b.f.rule) ?? Number.POSITIVE_INFINITY;
    if (ca !== cb) return ca - cb;
    const s = severityRank(b.f.severity as Severity) - severityRank(a.f.severity as Severity);
    if (s !== 0) return s;
    const r = (catalogue.get(a.f.rule) ?? 99) - (catalogue.get(b.f.rule) ?? 99);
    return r !== 0 ? r : a.i - b.i;
  });
  const firstInChain = indexed.find((x) => chainPos.has(x.f.rule));
  return indexed.map(({ f }) => ({
    finding: f,
    role: !chainPos.has(f.rule) ? 'other' : f === firstInChain?.f ? 'cause' : 'consequence',
  }));
}
