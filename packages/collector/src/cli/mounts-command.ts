import {
  buildMountModel,
  detectKind,
  buildMountView,
  buildNodeState,
  mountRows,
  renderLeaksCsv,
  renderMountDot,
  renderMountText,
  renderUmountPlan,
  type RawArtifact,
} from '@nodescope/core';
import { artifactsFromText } from './analyze-command.ts';
import { CliError, type CliIo, parseArgs, readTextInput } from './io.ts';

export const MOUNTS_USAGE = `usage: nodescope mounts <file|-> [--format text|json|dot|csv] [--leaks] [--umount-plan] [--expand <group-id>]
  The grouped mount graph (device -> host mount -> propagated copies -> holder) of a bundle or
  of a pasted mountinfo (one table, or several headed by "## ns=…" lines), offline.
  --format text   an indented tree with counts across namespaces (default)
  --format json   the graph payload the web page uses: nodes, edges, holders, umountPlan
  --format dot    Graphviz (dot -Tsvg)
  --format csv    the leaked copies, one per line
  --leaks         leaks only
  --umount-plan   print the reviewable umount plan (a shell script; nothing is run)
  --expand <id>   draw the members of one group (ids as in --format json)`;

const FORMATS = ['text', 'json', 'dot', 'csv'] as const;

/** A mountinfo line starts with a digit; a mountinfo-ns section with its "## ns=" header. */
function onlyMountTable(text: string): boolean {
  for (let s = 0; s < text.length; ) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const c = text.charCodeAt(s);
    if (e > s && !(c >= 48 && c <= 57) && !text.startsWith('## ns=', s) && text.slice(s, e).trim() !== '')
      return false;
    s = e + 1;
  }
  return true;
}

/**
 * A file that is nothing but mount tables (the usual offline input: /proc/self/mountinfo, or
 * one per namespace) is read as that probe. The paste reader would also run every log scanner
 * over each of its lines, which costs more than the whole graph.
 */
function mountTableArtifact(text: string): RawArtifact | undefined {
  const kind = detectKind(text)?.kind;
  if ((kind !== 'mountinfo' && kind !== 'mountinfo-ns') || !onlyMountTable(text)) return undefined;
  return { probe: kind, text, exitCode: 0, durationMs: 0, truncated: false, timedOut: false };
}

/** Offline mount graph: core only (no database, no SSH, no queue), so it starts fast anywhere. */
export async function mountsCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    format: 'string',
    leaks: 'boolean',
    'umount-plan': 'boolean',
    expand: 'string',
    probe: 'string',
    help: 'boolean',
  });
  if (flags.help || positionals.length !== 1) {
    io.stderr(`${MOUNTS_USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  const format = (flags.format as string | undefined) ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new CliError(`--format must be one of ${FORMATS.join(', ')}`);
  const text = readTextInput(positionals[0] as string);
  if (text.trim() === '') throw new CliError(`${positionals[0]} is empty`);
  const table = flags.probe ? undefined : mountTableArtifact(text);
  const { artifacts, takenAt } = table
    ? { artifacts: [table], takenAt: undefined }
    : artifactsFromText(text, flags.probe as string | undefined);
  const state = buildNodeState(artifacts, takenAt ? { takenAt } : {});
  const records = state.mountNamespaces.reduce((n, ns) => n + ns.mounts.length, 0);
  if (records === 0)
    throw new CliError('no mount table in this input (a bundle, a mountinfo or a mountinfo-ns is needed)');
  const node = state.system.hostname;
  const model = buildMountModel(state, node ? { node } : {});
  if (flags['umount-plan']) {
    const opts: { node?: string; takenAt?: string } = {};
    if (node) opts.node = node;
    if (takenAt) opts.takenAt = takenAt;
    io.stdout(renderUmountPlan(model.graph.umountPlan, opts));
    return 0;
  }
  if (format === 'csv') {
    io.stdout(renderLeaksCsv(mountRows(model, { leaksOnly: true })));
    return 0;
  }
  const expand = flags.expand as string | undefined;
  const view = buildMountView(model, {
    ...(expand ? { expand } : {}),
    filters: { leaksOnly: flags.leaks === true },
  });
  if (format === 'json') io.stdout(`${JSON.stringify(view)}\n`);
  else if (format === 'dot') io.stdout(renderMountDot(view));
  else io.stdout(renderMountText(view));
  return 0;
}
