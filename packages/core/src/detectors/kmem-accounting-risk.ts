import type { Evidence } from '../model/finding.ts';
import { type Detector, makeFinding } from './detector.ts';

const RULE = 'kmem-accounting-risk';

export const kmemAccountingRisk: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const { kmem, mismatched } = ctx.analysis.cgroups;
    const logs = ctx.analysis.logs;
    const r = logs.rules[RULE];
    const memcgCaches = logs.slabCaches.filter((c) => c.memcg);
    // Per-memcg slab caches ("cache(123:name)") only exist with kmem accounting on.
    const active = kmem.active || memcgCaches.length > 0;
    const risky = kmem.riskyKernel && active;
    if (!risky && !r) return [];
    const exhausted = (logs.rules['cgroup-id-exhaustion']?.count ?? 0) > 0 || mismatched.length > 0;
    const severity = risky && exhausted ? 'critical' : 'warning';

    const how: string[] = [];
    if (kmem.slabinfoReadable) how.push('memory.kmem.slabinfo readable under kubepods');
    if (kmem.limitSet) how.push('memory.kmem.limit_in_bytes set');
    if (memcgCaches.length > 0) how.push(`per-cgroup slab caches in dmesg (${memcgCaches[0]?.cache})`);
    let summary = '';
    if (risky) {
      summary = `Kernel memory accounting is on (${how.join(', ')}) on kernel ${kmem.kernel?.release ?? 'unknown'}, where deleted memory cgroups keep their ids and kernel memory.`;
      if (exhausted) summary += ' Cgroups are already leaking (see cgroup-id-exhaustion).';
    }
    if (r)
      summary += `${summary ? ' ' : ''}${r.count} kmem error line${r.count === 1 ? '' : 's'} in the logs.`;

    const evidence: Evidence[] = [];
    if (kmem.line !== undefined) {
      evidence.push({ probe: 'cgroups', line: kmem.line, text: `kmem: ${how.join(', ') || 'state'}` });
    }
    if (kmem.kernel)
      evidence.push({ probe: 'system', line: 0, text: `kernel_release=${kmem.kernel.release}` });
    for (const c of memcgCaches.slice(0, 3))
      evidence.push({ probe: 'dmesg', line: c.firstLine, text: `cache: ${c.cache} (per-memory-cgroup)` });
    evidence.push(...(r?.evidence ?? []));
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary,
        evidence,
        evidenceTotal: evidence.length + Math.max(0, (r?.count ?? 0) - (r?.evidence.length ?? 0)),
        metrics: {},
        details: {
          kmem,
          memcgCaches,
          remediation:
            'Boot with cgroup.memory=nokmem, or run a runc/kubelet that does not set kmem limits, and drain and reboot the node to free the leaked ids.',
        },
      }),
    ];
  },
};
