import { looksLikeBundle, parseBundle } from '../bundle/bundle-format.ts';
import { detectKind } from '../bundle/detect-kind.ts';
import type { RawArtifact } from '../model/artifact.ts';
import type { ProbeId } from '../model/probe-id.ts';
import { cleanPaste } from './clean-paste.ts';
import { commandKind, type SectionKind } from './command-kind.ts';
import { blockedGoroutines, goroutineSummaryLine } from './goroutines.ts';
import {
  CGROUPS_ROW,
  isNodeLine,
  LOAD_AVERAGE,
  MOUNTINFO_ROW,
  PS_AUX_ROW,
  PS_ELF_ROW,
  PSI_ROW,
} from './line-shapes.ts';
import { isMountLine, mountLineToMountinfo } from './mount-output.ts';
import { splitTranscript } from './split-transcript.ts';

export interface PasteReading {
  artifacts: RawArtifact[];
  takenAt?: string;
  warnings: string[];
  /** False when nothing in the text looked like node output. */
  recognised: boolean;
  /** What was recognised, for the reader (and tests). */
  sections: { command?: string; kind: string; lines: number }[];
}

const TABLE_PROBES = new Set<ProbeId>([
  'system',
  'mountinfo',
  'mountinfo-ns',
  'blockdev',
  'processes',
  'cgroups',
  'psi',
  'containers',
  'systemd',
  'kubelet-proc',
]);
const LOG_PROBES: readonly ProbeId[] = ['dmesg', 'kubelet-log', 'runtime-log'];

function artifact(probe: ProbeId, lines: readonly string[]): RawArtifact {
  return {
    probe,
    text: `${lines.join('\n')}\n`,
    exitCode: 0,
    durationMs: 0,
    truncated: false,
    timedOut: false,
  };
}

/**
 * Whatever an engineer pastes, as the artifacts the analysis reads: a bundle's own, or the
 * sections of a terminal transcript parsed by the command that printed them, or by their
 * content. Lines that are not part of a table go to every line-level scanner (kernel,
 * kubelet, runtime, D-Bus/systemd), and table rows found among them are still read.
 */
export function readPaste(text: string): PasteReading {
  if (looksLikeBundle(text)) {
    const parsed = parseBundle(text);
    if (parsed.value) {
      const out: PasteReading = {
        artifacts: parsed.value.artifacts,
        warnings: parsed.warnings.map((w) => w.message),
        recognised: true,
        sections: [{ kind: 'bundle', lines: 0 }],
      };
      if (parsed.value.takenAt) out.takenAt = parsed.value.takenAt;
      return out;
    }
  }
  const { lines, notes } = cleanPaste(text);
  const buckets = new Map<ProbeId, string[]>();
  const put = (probe: ProbeId, more: readonly string[]) => {
    const b = buckets.get(probe);
    if (b) for (const l of more) b.push(l);
    else buckets.set(probe, [...more]);
  };
  const logLines: string[] = [];
  const sections: PasteReading['sections'] = [];
  let mountId = 1;
  let signals = 0;

  for (const sec of splitTranscript(lines)) {
    const body = lines.slice(sec.from, sec.to);
    let kind: SectionKind | ProbeId | undefined = sec.command ? commandKind(sec.command) : undefined;
    let byContent = false;
    if (kind === undefined) {
      const det = body.length > 0 ? detectKind(body.join('\n')) : undefined;
      if (det && det.kind !== 'bundle' && TABLE_PROBES.has(det.kind)) kind = det.kind;
      else kind = 'logs';
      byContent = true;
      if (det) signals++;
    } else signals++;
    sections.push({ ...(sec.command ? { command: sec.command } : {}), kind, lines: body.length });
    switch (kind) {
      case 'logs':
        for (const l of body) logLines.push(l);
        break;
      case 'mount-table': {
        const converted: string[] = [];
        for (const l of body) {
          const m = mountLineToMountinfo(l, mountId);
          if (m) {
            converted.push(m);
            mountId++;
          } else logLines.push(l);
        }
        put('mountinfo', converted);
        break;
      }
      case 'uptime':
        for (const l of body) {
          const m = LOAD_AVERAGE.exec(l);
          if (m)
            put('system', [
              `loadavg=${m[1]!.replace(',', '.')} ${m[2]!.replace(',', '.')} ${m[3]!.replace(',', '.')}`,
            ]);
          else logLines.push(l);
        }
        break;
      case 'psi': {
        // `cat /proc/pressure/io` prints bare some/full lines: the command names the resource.
        const res = /\/proc\/pressure\/(cpu|memory|io)\b/.exec(sec.command ?? '')?.[1];
        put('psi', res ? [`## ${res}`, ...body] : body);
        break;
      }
      default:
        put(kind, body);
        // A table found by its content may sit among log lines: the scanners read it too.
        if (byContent) for (const l of body) logLines.push(l);
    }
  }

  // Table rows in free text: a /proc/cgroups row, a mountinfo or mount(8) line, PSI, a ps row.
  const rows = {
    cgroups: [] as string[],
    mountinfo: [] as string[],
    psi: [] as string[],
    ps: [] as string[],
  };
  let load: string | undefined;
  for (const l of logLines) {
    if (isNodeLine(l)) signals++;
    if (CGROUPS_ROW.test(l)) rows.cgroups.push(l.trim());
    else if (MOUNTINFO_ROW.test(l)) rows.mountinfo.push(l);
    else if (isMountLine(l)) {
      const m = mountLineToMountinfo(l, mountId++);
      if (m) {
        rows.mountinfo.push(m);
        signals++;
      }
    } else if (PSI_ROW.test(l)) rows.psi.push(l);
    else if (PS_AUX_ROW.test(l) || PS_ELF_ROW.test(l)) rows.ps.push(l);
    if (load === undefined && l.includes('load average')) {
      const m = LOAD_AVERAGE.exec(l);
      if (m)
        load = `loadavg=${m[1]!.replace(',', '.')} ${m[2]!.replace(',', '.')} ${m[3]!.replace(',', '.')}`;
    }
  }
  if (rows.cgroups.length > 0 && !buckets.has('cgroups')) put('cgroups', rows.cgroups);
  if (rows.mountinfo.length > 0 && !buckets.has('mountinfo')) put('mountinfo', rows.mountinfo);
  if (rows.psi.length > 0 && !buckets.has('psi')) put('psi', rows.psi);
  if (rows.ps.length > 0 && !buckets.has('processes')) put('processes', rows.ps);
  if (load && !buckets.has('system')) put('system', [load]);

  const stuck = blockedGoroutines(logLines);
  for (const g of stuck) logLines.push(goroutineSummaryLine(g));
  if (stuck.length > 0) signals++;

  const artifacts: RawArtifact[] = [];
  for (const [probe, b] of buckets) artifacts.push(artifact(probe, b));
  if (logLines.some((l) => l.trim() !== ''))
    for (const p of LOG_PROBES) artifacts.push(artifact(p, logLines));
  return { artifacts, warnings: notes, recognised: signals > 0, sections };
}
