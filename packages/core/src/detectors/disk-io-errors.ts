import { fmtInt, plural, sentence } from '../metrics/format.ts';
import { type Detector, makeFinding } from './detector.ts';
import { th } from './thresholds.ts';

const RULE = 'disk-io-errors';

export const diskIoErrors: Detector<typeof RULE> = {
  rule: RULE,
  run: (ctx) => {
    const r = ctx.analysis.logs.rules[RULE];
    if (!r || r.count === 0) return [];
    const idx = ctx.analysis.devices;
    const devices = ctx.analysis.logs.devices.filter((d) => d.errors > 0).sort((a, b) => b.errors - a.errors);
    const paths = ctx.analysis.logs.ioErrorPaths;
    const kernelErrors = devices.reduce((n, d) => n + d.errors, 0);
    const severity = r.count >= th('ioErrorsCritical') || devices.length >= 2 ? 'critical' : 'warning';

    const parts: string[] = [];
    if (devices.length > 0) {
      const list = devices
        .slice(0, 5)
        .map((d) => {
          const known = idx.inBlockdev(d.device);
          return `${d.device} ${fmtInt(d.errors)}${known === false ? ' (not in lsblk)' : ''}`;
        })
        .join(', ');
      parts.push(
        `${plural(kernelErrors, 'kernel I/O error')} on ${plural(devices.length, 'device')}: ${list}${devices.length > 5 ? ', …' : ''}`,
      );
    }
    if (paths.length > 0) {
      const eio = r.byPattern['input-output-error'] ?? 0;
      parts.push(
        `${plural(eio, 'input/output error')} in kubelet/runtime logs, on ${paths
          .slice(0, 3)
          .map((p) => p.path)
          .join(', ')}`,
      );
    } else if ((r.byPattern['input-output-error'] ?? 0) > 0) {
      parts.push(
        `${plural(r.byPattern['input-output-error'] ?? 0, 'input/output error')} in kubelet/runtime logs`,
      );
    }
    const summary = `${parts.join('; ')}.`;
    return [
      makeFinding({
        rule: RULE,
        severity,
        summary: sentence(summary),
        evidence: r.evidence,
        evidenceTotal: r.count,
        metrics: {},
        details: {
          byPattern: r.byPattern,
          devices: devices.map((d) => {
            const known = idx.inBlockdev(d.device);
            return {
              ...d,
              hostMounts: idx.hostMounts(d.device).slice(0, 5),
              ...(known !== undefined ? { inBlockdev: known } : {}),
            };
          }),
          ioErrorPaths: paths,
          firstTime: r.firstTime,
          lastTime: r.lastTime,
        },
      }),
    ];
  },
};
