import {
  analyzeArtifacts,
  isPlaybookId,
  PLAYBOOK_IDS,
  type PlaybookId,
  renderTriageMarkdown,
  runTriage,
  toTriageJson,
  triageInputFromAnalysis,
} from '@nodescope/core';
import { artifactsFromText } from './analyze-command.ts';
import { CliError, type CliIo, parseArgs, readTextInput } from './io.ts';

export const TRIAGE_USAGE = `usage: nodescope triage <file|-> [--playbook <id>] [--format json|markdown] [--probe <probe-id>]
  Runs the triage playbooks offline on a bundle or pasted node output. Without --playbook every
  playbook whose entry symptom is present runs. --format markdown prints a report for a ticket.
  playbooks: ${PLAYBOOK_IDS.join(', ')}`;

/** `nodescope triage`: core only (parse, analyze, triage); never loads the database or ssh2. */
export async function triageCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    playbook: 'string',
    format: 'string',
    probe: 'string',
    help: 'boolean',
  });
  if (flags.help || positionals.length !== 1) {
    io.stderr(`${TRIAGE_USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  const format = (flags.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'markdown') throw new CliError('--format must be json or markdown');
  const asked = flags.playbook as string | undefined;
  if (asked !== undefined && !isPlaybookId(asked))
    throw new CliError(`unknown playbook "${asked}"; valid: ${PLAYBOOK_IDS.join(', ')}`);
  const text = readTextInput(positionals[0] as string);
  const { artifacts, takenAt, warnings } = artifactsFromText(text, flags.probe as string | undefined);
  const at = takenAt ?? new Date().toISOString();
  const result = analyzeArtifacts(artifacts, { takenAt: at });
  const input = triageInputFromAnalysis(result, takenAt ? { takenAt } : {});
  const report = runTriage(input, asked ? { playbook: asked as PlaybookId } : {});
  for (const w of warnings) io.stderr(`nodescope: ${w}\n`);
  if (report.applicable.length === 0 && !asked)
    io.stderr("nodescope: no playbook's entry symptom is present; reporting the symptom sweep\n");
  io.stdout(
    format === 'json' ? `${JSON.stringify(toTriageJson(report), null, 2)}\n` : renderTriageMarkdown(report),
  );
  return 0;
}
