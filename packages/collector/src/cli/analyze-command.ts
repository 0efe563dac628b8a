import {
  type AnalysisResult,
  analyzeArtifacts,
  isProbeId,
  PROBE_IDS,
  type RawArtifact,
  readPaste,
} from '@nodescope/core';
import { CliError, type CliIo, parseArgs, readTextInput } from './io.ts';
import { formatAnalysisText } from './format-text.ts';

export const ANALYZE_USAGE = `usage: nodescope analyze <file|-> [--probe <probe-id>] [--format json|text]
  Parses and analyzes a bundle or any single piece of node output (dmesg, kubelet journal,
  mountinfo, ps/top, /proc/cgroups, PSI, crictl/docker ps…) offline; prints JSON.
  probe ids: ${PROBE_IDS.join(', ')}`;

/** The artifacts a file stands for: a bundle's, one artifact of a forced kind, or a paste's. */
export function artifactsFromText(
  text: string,
  forced?: string,
): { artifacts: RawArtifact[]; takenAt?: string; warnings: string[]; recognised: boolean } {
  if (forced) {
    if (!isProbeId(forced))
      throw new CliError(`unknown probe id "${forced}"; valid: ${PROBE_IDS.join(', ')}`);
    const artifact: RawArtifact = {
      probe: forced,
      text,
      exitCode: 0,
      durationMs: 0,
      truncated: false,
      timedOut: false,
    };
    return { artifacts: [artifact], warnings: [], recognised: true };
  }
  const reading = readPaste(text);
  return {
    artifacts: reading.artifacts,
    ...(reading.takenAt ? { takenAt: reading.takenAt } : {}),
    warnings: reading.warnings,
    recognised: reading.recognised,
  };
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
  const { artifacts, takenAt, warnings, recognised } = artifactsFromText(
    text,
    flags.probe as string | undefined,
  );
  // Year-less log timestamps (syslog, klog) need a reference: the bundle's time, else now.
  const result = analyzeArtifacts(artifacts, { takenAt: takenAt ?? new Date().toISOString() });
  if (!recognised && result.findings.length === 0) {
    throw new CliError(
      'nothing in this text was recognised as node output (no log prefixes, tables or known messages); pass --probe <probe-id> to say which probe printed it',
    );
  }
  const json = toAnalyzeJson(result, warnings);
  io.stdout(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : formatAnalysisText(json));
  return 0;
}
