import { plural } from '../metrics/format.ts';
import type { LogPatternId } from '../analysis/log-patterns.ts';
import { type Detector, makeFinding } from './detector.ts';

type PatternWords = Partial<Record<LogPatternId, string>>;

const RULE = 'filesystem-shutdown';

const WORDS: PatternWords = {
  'journal-aborted': 'journal aborted',
  'remount-read-only': 'remounted read-only',
  'xfs-force-shutdown': 'forced shutdown',
  'shutting-down-filesystem': 'shut down',
  'xfs-corruption': 'in-memory corruption',
  'xfs-log-force-error': 'log force errors',
  'xfs-corruption-flags': 'in-memory corruption',
  'xfs-unmount-rectify': 'shut down',
  'ext4-journal-has-aborted': 'journal aborted',
  'jbd2-journal-superblock': 'journal aborted',
  'ext4-superblock-write': 'superblock write failed',
};

export const filesystemShutdown: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const r = ctx.analysis.logs.rules[RULE];
    if (!r || r.count === 0) return [];
    const idx = ctx.analysis.devices;
    const devices = ctx.analysis.logs.devices.filter((d) => d.shutdown.length > 0);
    const list = devices.slice(0, 5).map((d) => {
      const mounts = idx.hostMounts(d.device);
      const where =
        mounts.length > 0
          ? `; mounted at ${mounts[0]}${mounts.length > 1 ? ` and ${mounts.length - 1} more` : ''}`
          : '';
      return `${d.device} (${[...new Set(d.shutdown.map((s) => WORDS[s] ?? s))].join(', ')}${where})`;
    });
    const summary =
      devices.length > 0
        ? `${plural(devices.length, 'filesystem')} shut down or read-only: ${list.join(', ')}${devices.length > 5 ? ', …' : ''}.`
        : `${plural(r.count, 'kernel line')} report a filesystem shutdown (${Object.keys(r.byPattern).join(', ')}).`;
    return [
      makeFinding({
        rule: RULE,
        severity: 'critical',
        summary,
        evidence: r.evidence,
        evidenceTotal: r.count,
        metrics: {},
        details: {
          byPattern: r.byPattern,
          devices: devices.map((d) => ({
            device: d.device,
            shutdown: d.shutdown,
            firstTime: d.firstTime,
            firstLine: d.firstLine,
            hostMounts: idx.hostMounts(d.device).slice(0, 10),
          })),
        },
      }),
    ];
  },
};
