import {
  type AnalysisResult,
  analyzeArtifacts,
  detectKind,
  isProbeId,
  PROBE_IDS,
  parseBundle,
  type RawArtifact,
} from '@nodescope/core';
import { CliError, type CliIo, parseArgs, readTextInput } from './io.ts';
import { formatAnalysisText } from './format-text.ts';

export const ANALYZE_USAGE = `usage: nodescope analyze <file|-> [--probe <probe-id>] [--format json|text]
  Parses and analyzes a bundle or any single piece of node output (dmesg, kubelet journal,
  mountinfo, ps/top, /proc/cgroups, PSI, crictl/docker ps…) offline; prints JSON.
  probe ids: ${PROBE_IDS.join(', ')}`;

/** The artifacts a file stands for: a bundle's, or one artifact of the recognised (or forced) kind. */
export function artifactsFromText(
  text: string,
  forced?: string,
): { artifacts: RawArtifact[]; takenAt?: string; warnings: string[] } {
  const asArtifact = (probe: RawArtifact['probe']): RawArtifact => ({
    probe,
    text,
    exitCode: 0,
    durationMs: 0,
    truncated: false,
    timedOut: false,
  });
  if (forced) {
    if (!isProbeId(forced))
      throw new CliError(`unknown probe id "${forced}"; valid: ${PROBE_IDS.join(', ')}`);
    return { artifacts: [asArtifact(forced)], warnings: [] };
  }
  const kind = detectKind(text);
  if (!kind) {
    throw new CliError(
      'nothing in this text was recognised as node output; pass --probe <probe-id> to say which probe printed it',
    );
  }
  if (kind.kind === 'bundle') {
    const parsed = parseBundle(text);
    if (!parsed.value)
      throw new CliError(`not a readable bundle: ${parsed.warnings.map((w) => w.message).join('; ')}`);
    return {
      artifacts: parsed.value.artifacts,
      takenAt: parsed.value.takenAt,
      warnings: parsed.warnings.map((w) => w.message),
    };
  }
  // A pasted /var/log/messages mixes kernel, kubelet and runtime lines: each log parser keeps
  // its own lines and skips the others, so the one text goes through each of them.
  const extra = (kind.alsoContains ?? []).filter((k) => k !== kind.kind).map(asArtifact);
  return { artifacts: [asArtifact(kind.kind), ...extra], warnings: [] };
}

/** The JSON contract of DESIGN.md: findings, metrics, warnings. */
export function toAnalyzeJson(result: AnalysisResult, extraWarnings: string[]) {
  return {
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      summary: f.summary,
      evidence: f.evidence.map((e) => ({ probe: e.probe, line: e.line, text: e.text })),
      evidenceTotal: f.evidenceTotal,
      ...(f.details ? { details: f.details } : {}),
    })),
    metrics: result.metrics,
    warnings: [
      ...extraWarnings,
      ...result.warnings.map(
        (w) => `${w.probe ?? ''}${w.line ? `:${w.line}` : ''}${w.probe || w.line ? ': ' : ''}${w.message}`,
      ),
    ],
  };
}

export async function analyzeCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { probe: 'string', format: 'string', help: 'boolean' });
  if (flags.help || positionals.length !== 1) {
    io.stderr(`${ANALYZE_USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  const format = (flags.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'text') throw new CliError('--format must be json or text');
  const text = readTextInput(positionals[0]!);
  if (text.trim() === '') throw new CliError(`${positionals[0]} is empty: there is nothing to analyze`);
  const { artifacts, takenAt, warnings } = artifactsFromText(text, flags.probe as string | undefined);
  // Year-less log timestamps (syslog, klog) need a reference: the bundle's time, else now.
  const result = analyzeArtifacts(artifacts, { takenAt: takenAt ?? new Date().toISOString() });
  const json = toAnalyzeJson(result, warnings);
  io.stdout(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : formatAnalysisText(json));
  return 0;
}
