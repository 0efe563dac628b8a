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

/** Every node with its settings and collection state, by name. */
export function listNodes(prisma: PrismaClient) {
  return prisma.node.findMany({ orderBy: { name: 'asc' } });
}

export type NodeRecord = NonNullable<Awaited<ReturnType<typeof findNode>>>;

export function findNode(prisma: PrismaClient, name: string) {
  return prisma.node.findUnique({ where: { name } });
}

/** Adds nodes or replaces their settings, by name; cluster and pool follow the labels. */
export function addNodes(prisma: PrismaClient, nodes: NodeInput[]): Promise<number> {
  return upsertNodes(prisma, nodes);
}

/** Adds or replaces one node and returns its row (the CLI stores a snapshot of it next). */
export async function addNode(prisma: PrismaClient, node: NodeInput): Promise<NodeRecord> {
  await upsertNodes(prisma, [node]);
  return prisma.node.findUniqueOrThrow({ where: { name: node.name } });
}

/** Adds or replaces one node from the inventory page; an unknown key name throws UnknownSshKeyError. */
export function saveNode(prisma: PrismaClient, node: NodeInput): Promise<InventoryRow> {
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
  const { labels: _ignored, sshKeyName: _key, ...data } = settings;
  await prisma.node.update({
    where: { id: node.id },
    data: { ...data, labels, cluster: labels.cluster ?? node.cluster, pool: labels.pool ?? node.pool },
  });
}

/** Replaces a node's labels; cluster and pool follow the labels of the same name. */
export function relabelNode(prisma: PrismaClient, name: string, labels: Record<string, string>) {
  return setNodeLabels(prisma, name, labels);
}

export function setNodeEnabled(prisma: PrismaClient, name: string, enabled: boolean): Promise<boolean> {
  return setNodeEnabledRow(prisma, name, enabled);
}

/** Removes a node with all its history. */
export function removeNode(prisma: PrismaClient, name: string): Promise<boolean> {
  return removeNodeRow(prisma, name);
}
