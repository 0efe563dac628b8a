import { fmtInt } from '../../metrics/format.ts';
import type { CheckDef } from '../context.ts';
import { excerpt } from '../evidence-blocks.ts';
import { tt } from '../triage-thresholds.ts';

interface Hierarchy {
  subsys: string;
  numCgroups: number;
  ratio: number;
  dirCount?: number;
}
interface CgroupDetails {
  limit: number;
  hierarchies: Hierarchy[];
  mismatched: Hierarchy[];
  memoryIdsUsed: number;
  mkdirEnospc: number;
  dying: { dying: number };
}

/** Cgroup counts per hierarchy against the 65,535 id limit and against directories on disk. */
export const cgroupIds: CheckDef = {
  id: 'cgroup-ids',
  rules: ['cgroup-id-exhaustion'],
  metrics: [
    { metric: 'cgroups.memory', op: '>=', threshold: Math.round(65_535 * tt('cgroupIdRatio')) },
    { metric: 'cgroups.dying', op: '>=', threshold: 5_000 },
  ],
  probes: ['cgroups'],
  run: (ctx) => {
    const f = ctx.finding('cgroup-id-exhaustion');
    if (!f)
      return {
        verdict: 'ruled-out',
        reason: 'Cgroup counts are far from the 65,535 id limit and match the directories.',
      };
    const d = (f.details ?? {}) as Partial<CgroupDetails>;
    const top = [...(d.hierarchies ?? [])].sort((a, b) => b.numCgroups - a.numCgroups)[0];
    return {
      verdict: 'confirmed',
      reason: f.summary,
      evidence: f.evidence,
      blocks: [
        {
          kind: 'counts',
          title: 'Cgroups per hierarchy (/proc/cgroups) against directories',
          columns: ['hierarchy', 'num_cgroups', 'directories', 'of 65,535'],
          rows: (d.hierarchies ?? []).map((h) => [
            h.subsys,
            h.numCgroups,
            h.dirCount ?? '-',
            `${Math.round(h.ratio * 100)}%`,
          ]),
        },
        ...excerpt('Cgroup evidence', f.evidence, f.evidenceTotal),
      ],
      facts: {
        enospc: d.mkdirEnospc,
        topSubsys: top?.subsys,
        topCount: top?.numCgroups,
        topDirs: top?.dirCount,
        memoryCount: ctx.metric('cgroups.memory'),
        limit: d.limit ?? 65_535,
        dying: d.dying?.dying,
        mismatched: (d.mismatched ?? []).map((h) => `${h.subsys} ${fmtInt(h.numCgroups)}`).join(', '),
      },
    };
  },
};

interface KmemDetails {
  kmem: {
    riskyKernel: boolean;
    active: boolean;
    slabinfoReadable: boolean;
    limitSet: boolean;
    kernel?: { release: string };
  };
  memcgCaches: { cache: string }[];
}

/** Kernel memory accounting on a kernel where it leaks memory cgroup ids (3.10 and before 4.6). */
export const kmemRisk: CheckDef = {
  id: 'kmem-risk',
  rules: ['kmem-accounting-risk'],
  metrics: [],
  probes: ['cgroups', 'system'],
  run: (ctx) => {
    const f = ctx.finding('kmem-accounting-risk');
    if (!f)
      return {
        verdict: 'ruled-out',
        reason: 'Kernel memory accounting is off, or the kernel frees memory cgroups correctly.',
      };
    const d = (f.details ?? {}) as Partial<KmemDetails>;
    const k = d.kmem;
    const how = [
      k?.slabinfoReadable ? 'memory.kmem.slabinfo readable under kubepods' : undefined,
      k?.limitSet ? 'memory.kmem.limit_in_bytes set' : undefined,
      (d.memcgCaches?.length ?? 0) > 0
        ? `per-cgroup slab caches in dmesg (${d.memcgCaches?.[0]?.cache})`
        : undefined,
    ].filter(Boolean);
    return {
      verdict: k?.riskyKernel && (k.active || how.length > 0) ? 'confirmed' : 'inconclusive',
      reason: f.summary,
      evidence: f.evidence,
      blocks: excerpt('kmem accounting', f.evidence, f.evidenceTotal),
      facts: { kernel: k?.kernel?.release, how: how.join(', ') },
    };
  },
};
