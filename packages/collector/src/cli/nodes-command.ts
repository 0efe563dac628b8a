import { readFileSync } from 'node:fs';
import {
  bootstrapDatabase,
  disconnectAll,
  getPrisma,
  type NodeInput,
  type PrismaClient,
} from '@nodescope/db';
import { collectNow } from '@nodescope/services/collection/collect-now';
import {
  addNodes,
  editNode,
  findNode,
  listNodes,
  relabelNode,
  removeNode,
  setNodeEnabled,
} from '@nodescope/services/nodes/inventory-changes';
import {
  fromCsv,
  fromKubectlNodes,
  fromSshConfig,
  fromYaml,
  type InventoryNode,
  type InventoryResult,
  NODE_NAME,
  parseInventoryJson,
} from '../inventory/index.ts';
import { parseUserHostPort } from '../ssh/index.ts';
import { CliError, type CliIo, parseArgs } from './io.ts';

export const NODES_USAGE = `usage: nodescope nodes <action> …
  list [--json]                                  the inventory with collection state
  add <name> [user@]host[:port] [options]        add or replace a node
  edit <name> [options]                          change a node's settings
  enable <name> | disable <name> | remove <name>
  label <name> key=value … [key-]               set or remove labels (cluster, pool, …)
  collect-now <name>                             collect at the next scheduler pass
  import <file> --format json|kubectl|ssh-config|csv|yaml [--user U] [--identity F] [--known-hosts F]
options: --identity FILE --known-hosts FILE --jump [user@]host[:port][,…] --interval SECONDS
         --sudo --no-sudo --tofu --no-tofu --label key=value (repeatable via commas: a=1,b=2)`;

const OPTIONS = {
  identity: 'string',
  'known-hosts': 'string',
  jump: 'string',
  interval: 'string',
  label: 'string',
  sudo: 'boolean',
  'no-sudo': 'boolean',
  tofu: 'boolean',
  'no-tofu': 'boolean',
  json: 'boolean',
  format: 'string',
  user: 'string',
  help: 'boolean',
} as const;

type Flags = Record<string, string | boolean>;

function labelsOf(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of (spec ?? '').split(',').filter(Boolean)) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new CliError(`label "${kv}" is not key=value`);
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

function settingsFrom(flags: Flags): Partial<NodeInput> {
  const s: Partial<NodeInput> = {};
  if (typeof flags.identity === 'string') s.identityFile = flags.identity;
  if (typeof flags['known-hosts'] === 'string') s.knownHostsFile = flags['known-hosts'];
  if (typeof flags.jump === 'string') {
    for (const hop of flags.jump.split(',')) {
      if (!parseUserHostPort(hop, { user: 'root' }))
        throw new CliError(`--jump "${hop}" is not [user@]host[:port]`);
    }
    s.proxyJump = flags.jump;
  }
  if (typeof flags.interval === 'string') {
    const n = Number(flags.interval);
    if (!Number.isInteger(n) || n < 10)
      throw new CliError('--interval must be a whole number of seconds, at least 10');
    s.intervalSec = n;
  }
  if (flags.sudo) s.useSudo = true;
  if (flags['no-sudo']) s.useSudo = false;
  if (flags.tofu) s.tofu = true;
  if (flags['no-tofu']) s.tofu = false;
  return s;
}

export function importInventory(text: string, format: string, defaults: Flags): InventoryResult {
  const d = {
    ...(typeof defaults.user === 'string' ? { user: defaults.user } : {}),
    ...(typeof defaults.identity === 'string' ? { identityFile: defaults.identity } : {}),
    ...(typeof defaults['known-hosts'] === 'string' ? { knownHostsFile: defaults['known-hosts'] } : {}),
  };
  switch (format) {
    case 'json':
      return parseInventoryJson(text, d);
    case 'kubectl':
      return fromKubectlNodes(text, d);
    case 'ssh-config':
      return fromSshConfig(text, d);
    case 'csv':
      return fromCsv(text, d);
    case 'yaml':
      return fromYaml(text, d);
    default:
      throw new CliError(`--format must be json, kubectl, ssh-config, csv or yaml (got "${format}")`);
  }
}

export function toNodeInput(n: InventoryNode): NodeInput {
  return {
    name: n.name,
    host: n.host,
    port: n.port,
    user: n.user,
    identityFile: n.identityFile ?? null,
    knownHostsFile: n.knownHostsFile ?? null,
    proxyJump: n.proxyJump?.length ? n.proxyJump.join(',') : null,
    labels: n.labels,
  };
}

async function mustExist(prisma: PrismaClient, name: string) {
  const node = await findNode(prisma, name);
  if (!node) throw new CliError(`no node named "${name}" (see: nodescope nodes list)`);
  return node;
}

async function run(
  prisma: PrismaClient,
  action: string,
  args: string[],
  flags: Flags,
  io: CliIo,
): Promise<number> {
  switch (action) {
    case 'list': {
      const nodes = await listNodes(prisma);
      if (flags.json) {
        io.stdout(
          `${JSON.stringify(
            nodes.map((n) => ({ ...n, lastSnapshotId: n.lastSnapshotId?.toString() ?? null })),
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      for (const n of nodes) {
        const where = `${n.user}@${n.host}:${n.port}${n.proxyJump ? ` via ${n.proxyJump}` : ''}`;
        io.stdout(
          `${n.name.padEnd(28)} ${where.padEnd(34)} ${n.enabled ? '' : '[disabled] '}${n.lastState ?? 'never collected'} ${n.health ?? ''}\n`,
        );
      }
      io.stdout(`${nodes.length} nodes\n`);
      return 0;
    }
    case 'add': {
      const [name, dest] = args;
      if (!name || !dest)
        throw new CliError('usage: nodescope nodes add <name> [user@]host[:port] [options]');
      if (!NODE_NAME.test(name))
        throw new CliError(`"${name}" is not a valid node name (letters, digits, . _ -)`);
      const hp = parseUserHostPort(dest, { user: (flags.user as string) ?? 'root' });
      if (!hp) throw new CliError(`"${dest}" is not [user@]host[:port]`);
      await addNodes(prisma, [
        { name, ...hp, labels: labelsOf(flags.label as string), ...settingsFrom(flags) },
      ]);
      io.stdout(`added ${name} (${hp.user}@${hp.host}:${hp.port})\n`);
      return 0;
    }
    case 'edit': {
      const node = await mustExist(prisma, args[0] ?? '');
      await editNode(prisma, node, settingsFrom(flags), labelsOf(flags.label as string));
      io.stdout(`updated ${node.name}\n`);
      return 0;
    }
    case 'enable':
    case 'disable': {
      const node = await mustExist(prisma, args[0] ?? '');
      await setNodeEnabled(prisma, node.name, action === 'enable');
      io.stdout(`${action}d ${node.name}\n`);
      return 0;
    }
    case 'remove': {
      const node = await mustExist(prisma, args[0] ?? '');
      await removeNode(prisma, node.name);
      io.stdout(`removed ${node.name} and its history\n`);
      return 0;
    }
    case 'label': {
      const node = await mustExist(prisma, args[0] ?? '');
      const labels = { ...(node.labels as Record<string, string>) };
      for (const kv of args.slice(1)) {
        if (kv.endsWith('-') && !kv.includes('=')) delete labels[kv.slice(0, -1)];
        else Object.assign(labels, labelsOf(kv));
      }
      await relabelNode(prisma, node.name, labels);
      io.stdout(
        `${node.name}: ${Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}\n`,
      );
      return 0;
    }
    case 'collect-now': {
      const node = await mustExist(prisma, args[0] ?? '');
      const request = await collectNow(prisma, node.name);
      // A disabled node is made due but not collected: say so rather than promise a collection.
      if (!request.accepted) {
        io.stderr(`${request.message}\n`);
        return 1;
      }
      io.stdout(`${node.name} will be collected at the next scheduler pass\n`);
      return 0;
    }
    case 'import': {
      const file = args[0];
      if (!file || typeof flags.format !== 'string')
        throw new CliError('usage: nodescope nodes import <file> --format …');
      let text: string;
      try {
        text = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (err) {
        throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
      }
      const result = importInventory(text, flags.format, flags);
      for (const w of result.warnings) io.stderr(`warning: ${w}\n`);
      await addNodes(prisma, result.nodes.map(toNodeInput));
      io.stdout(`imported ${result.nodes.length} nodes (${result.warnings.length} warnings)\n`);
      return result.nodes.length === 0 && result.warnings.length > 0 ? 1 : 0;
    }
    default:
      throw new CliError(`unknown action "${action}"\n${NODES_USAGE}`);
  }
}

export async function nodesCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, OPTIONS);
  const [action, ...args] = positionals;
  if (flags.help || !action) {
    io.stderr(`${NODES_USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  const db = await bootstrapDatabase();
  try {
    return await run(getPrisma(db.url), action, args, flags, io);
  } finally {
    await disconnectAll();
    await db.stop();
  }
}
