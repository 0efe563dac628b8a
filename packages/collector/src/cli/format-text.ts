import type { toAnalyzeJson } from './analyze-command.ts';

const MARK: Record<string, string> = { critical: 'CRIT', warning: 'WARN', info: 'INFO' };

/** Human-readable report for a terminal: findings worst first, each with its evidence. */
export function formatAnalysisText(json: ReturnType<typeof toAnalyzeJson>): string {
  const out: string[] = [];
  if (json.findings.length === 0) out.push('No findings.');
  for (const f of json.findings) {
    out.push(`[${MARK[f.severity] ?? f.severity}] ${f.rule}: ${f.title}`);
    out.push(`       ${f.summary}`);
    for (const e of f.evidence.slice(0, 8)) out.push(`       ${e.probe}:${e.line}  ${e.text.slice(0, 200)}`);
    if (f.evidenceTotal > Math.min(8, f.evidence.length)) {
      out.push(`       … ${f.evidenceTotal.toLocaleString('en-US')} evidence lines in all`);
    }
    out.push('');
  }
  const keys = Object.keys(json.metrics).sort();
  if (keys.length) {
    out.push('Metrics:');
    for (const k of keys) out.push(`  ${k.padEnd(32)} ${json.metrics[k]!.toLocaleString('en-US')}`);
  }
  if (json.warnings.length) {
    out.push('', `Warnings (${json.warnings.length}):`);
    for (const w of json.warnings.slice(0, 20)) out.push(`  ${w}`);
  }
  return `${out.join('\n')}\n`;
}
