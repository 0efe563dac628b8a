import type { KubeletProcInfo } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { excerpt, parseUint, splitLines, Warnings } from './text.ts';

/**
 * Parses the `kubelet-proc` probe: `pid=1234`, `cpu_ticks=2022 hz=100 interval_s=1`,
 * `VmRSS:  8600000 kB`, `Threads: 312`. CPU% is ticks / hz / interval * 100, so it exceeds 100
 * on multi-core nodes (2022% on a 48-CPU node is a real reading). An empty `pid=` means no
 * kubelet process was found.
 */
export function parseKubeletProc(text: string): ParseResult<KubeletProcInfo> {
  const w = new Warnings('kubelet-proc');
  const info: KubeletProcInfo = {};
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    if (line.startsWith('pid=')) {
      const v = line.slice(4).trim();
      if (v === '') w.add('no kubelet process found', i + 1);
      else {
        const pid = parseUint(v);
        if (pid === undefined) w.add(`bad pid: ${excerpt(line)}`, i + 1);
        else info.pid = pid;
      }
      continue;
    }
    if (line.startsWith('cpu_ticks=')) {
      const kv: Record<string, string> = {};
      for (const part of line.split(/\s+/)) {
        const eq = part.indexOf('=');
        if (eq > 0) kv[part.slice(0, eq)] = part.slice(eq + 1);
      }
      const ticks = Number(kv.cpu_ticks);
      const hz = Number(kv.hz);
      const interval = Number(kv.interval_s ?? '1');
      if (!(Number.isFinite(ticks) && ticks >= 0 && hz > 0 && interval > 0) || kv.cpu_ticks === '') {
        w.add(`bad CPU sample: ${excerpt(line)}`, i + 1);
        continue;
      }
      info.cpuPercent = Math.round((ticks / hz / interval) * 100 * 100) / 100;
      info.sampleSeconds = interval;
      continue;
    }
    const m = /^(VmRSS|Threads):\s+(\d+)(\s+kB)?$/.exec(line);
    if (m) {
      if (m[1] === 'VmRSS') info.rssKb = Number(m[2]);
      else info.threads = Number(m[2]);
      continue;
    }
    w.add(`unrecognised kubelet-proc line: ${excerpt(line)}`, i + 1);
  }
  return { value: info, warnings: w.done() };
}
