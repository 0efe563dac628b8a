import {
  buildMountModel,
  buildMountView,
  buildNodeState,
  mountRows,
  renderLeaksCsv,
  renderMountDot,
  renderMountText,
  renderUmountPlan,
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
  const { artifacts, takenAt } = artifactsFromText(text, flags.probe as string | undefined);
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
