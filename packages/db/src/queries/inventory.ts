import type { PrismaClient } from '../client.ts';
import { type NodeInput, upsertNodes } from './nodes.ts';

export interface InventoryRow {
  name: string;
  host: string;
  port: number;
  user: string;
  /** The uploaded key the node uses (name and fingerprint only: the key never leaves the server). */
  key: { name: string; fingerprint: string } | null;
  /** The operator configured a key file or known_hosts file for it (paths are not shown). */
  configuredKeyFile: boolean;
  configuredKnownHosts: boolean;
  proxyJump: string | null;
  cluster: string;
  pool: string;
  labels: Record<string, string>;
  enabled: boolean;
  useSudo: boolean;
  tofu: boolean;
  intervalSec: number;
  lastState: string | null;
}

const SELECT = {
  name: true,
  host: true,
  port: true,
  user: true,
  identityFile: true,
  knownHostsFile: true,
  sshKey: { select: { name: true, fingerprint: true } },
  proxyJump: true,
  cluster: true,
  pool: true,
  labels: true,
  enabled: true,
  useSudo: true,
  tofu: true,
  intervalSec: true,
  lastState: true,
} as const;

/** The collection settings of every node (the fleet view shows state, this shows settings). */
export async function listInventory(prisma: PrismaClient): Promise<InventoryRow[]> {
  const rows = await prisma.node.findMany({ select: SELECT, orderBy: { name: 'asc' } });
  return rows.map(toRow);
}

function toRow(r: Awaited<ReturnType<typeof findRow>>): InventoryRow {
  const { identityFile, knownHostsFile, sshKey, ...rest } = r;
  return {
    ...rest,
    key: sshKey,
    configuredKeyFile: identityFile !== null,
    configuredKnownHosts: knownHostsFile !== null,
    labels: (r.labels ?? {}) as Record<string, string>,
  };
}

function findRow(prisma: PrismaClient, name: string) {
  return prisma.node.findUniqueOrThrow({ where: { name }, select: SELECT });
}

/** Adds or replaces one node's connection settings; returns it. */
export async function saveNode(prisma: PrismaClient, node: NodeInput): Promise<InventoryRow> {
  await upsertNodes(prisma, [node]);
  return toRow(await findRow(prisma, node.name));
}

export async function setNodeEnabled(prisma: PrismaClient, name: string, enabled: boolean): Promise<boolean> {
  const r = await prisma.node.updateMany({ where: { name }, data: { enabled } });
  return r.count > 0;
}

/** Replaces the labels; cluster and pool follow the labels of the same name. */
export async function setNodeLabels(
  prisma: PrismaClient,
  name: string,
  labels: Record<string, string>,
): Promise<boolean> {
  const r = await prisma.node.updateMany({
    where: { name },
    data: { labels, cluster: labels.cluster ?? 'default', pool: labels.pool ?? 'default' },
  });
  return r.count > 0;
}

/** Removes a node with all its history. */
export async function removeNode(prisma: PrismaClient, name: string): Promise<boolean> {
  const r = await prisma.node.deleteMany({ where: { name } });
  return r.count > 0;
}
