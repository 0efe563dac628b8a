import { labelProblem, nodeNameProblem } from '@nodescope/core';
import {
  type InventoryRow,
  type NodeInput,
  type PrismaClient,
  removeNode as removeNodeRow,
  saveNode as saveNodeRow,
  setNodeEnabled as setNodeEnabledRow,
  setNodeLabels,
  upsertNodes,
} from '@nodescope/db';

export { type InventoryRow, type NodeInput, UnknownSshKeyError } from '@nodescope/db';

/**
 * Changes to the inventory (which nodes exist and how to reach them), one function per change,
 * shared by the CLI (`nodescope nodes …`, `collect`), the inventory procedures and the demo.
 */

/** A node name or labels outside core's limits; the message says which and by how much. */
export class InventoryInputError extends Error {
  override name = 'InventoryInputError';
}

function check(name: string | undefined, labels: Record<string, string> | undefined): void {
  const problem =
    (name === undefined ? undefined : nodeNameProblem(name)) ?? (labels && labelProblem(labels));
  if (problem) throw new InventoryInputError(name ? `${name.slice(0, 64)}: ${problem}` : problem);
}

/** Every node with its settings and collection state, by name. */
export function listNodes(prisma: PrismaClient) {
  return prisma.node.findMany({ orderBy: { name: 'asc' } });
}

export type NodeRecord = NonNullable<Awaited<ReturnType<typeof findNode>>>;

export function findNode(prisma: PrismaClient, name: string) {
  return prisma.node.findUnique({ where: { name } });
}

/** Adds nodes or replaces their settings, by name; cluster and pool follow the labels. */
export async function addNodes(prisma: PrismaClient, nodes: NodeInput[]): Promise<number> {
  for (const n of nodes) check(n.name, n.labels);
  return upsertNodes(prisma, nodes);
}

/** Adds or replaces one node and returns its row (the CLI stores a snapshot of it next). */
export async function addNode(prisma: PrismaClient, node: NodeInput): Promise<NodeRecord> {
  check(node.name, node.labels);
  await upsertNodes(prisma, [node]);
  return prisma.node.findUniqueOrThrow({ where: { name: node.name } });
}

/** Adds or replaces one node from the inventory page; an unknown key name throws UnknownSshKeyError. */
export async function saveNode(prisma: PrismaClient, node: NodeInput): Promise<InventoryRow> {
  check(node.name, node.labels);
  return saveNodeRow(prisma, node);
}

/**
 * Changes some settings of an existing node and merges labels into its own. Unlike a
 * relabel, a merge keeps the node's cluster and pool unless the new labels name them.
 */
export async function editNode(
  prisma: PrismaClient,
  node: Pick<NodeRecord, 'id' | 'labels' | 'cluster' | 'pool'>,
  settings: Partial<NodeInput>,
  addLabels: Record<string, string>,
): Promise<void> {
  const labels = { ...(node.labels as Record<string, string>), ...addLabels };
  check(undefined, labels);
  const { labels: _ignored, sshKeyName: _key, ...data } = settings;
  await prisma.node.update({
    where: { id: node.id },
    data: { ...data, labels, cluster: labels.cluster ?? node.cluster, pool: labels.pool ?? node.pool },
  });
}

/** Replaces a node's labels; cluster and pool follow the labels of the same name. */
export async function relabelNode(prisma: PrismaClient, name: string, labels: Record<string, string>) {
  check(undefined, labels);
  return setNodeLabels(prisma, name, labels);
}

export function setNodeEnabled(prisma: PrismaClient, name: string, enabled: boolean): Promise<boolean> {
  return setNodeEnabledRow(prisma, name, enabled);
}

/** Removes a node with all its history. */
export function removeNode(prisma: PrismaClient, name: string): Promise<boolean> {
  return removeNodeRow(prisma, name);
}
