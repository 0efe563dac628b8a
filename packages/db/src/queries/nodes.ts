import type { PrismaClient } from '../client.ts';

export interface NodeInput {
  name: string;
  host: string;
  port?: number;
  user?: string;
  /** Key file path: operator configuration only (CLI flags, the demo), never from a request. Undefined keeps it. */
  identityFile?: string | null;
  proxyJump?: string | null;
  /** known_hosts path: operator configuration only, read and never written by the server. Undefined keeps it. */
  knownHostsFile?: string | null;
  /** Name of an uploaded key (ssh_key.name); null clears it, undefined keeps it. */
  sshKeyName?: string | null;
  labels?: Record<string, string>;
  enabled?: boolean;
  useSudo?: boolean;
  tofu?: boolean;
  intervalSec?: number;
}

export class UnknownSshKeyError extends Error {
  override name = 'UnknownSshKeyError';
}

async function sshKeyIdOf(prisma: PrismaClient, name: string | null): Promise<number | null> {
  if (name === null) return null;
  const key = await prisma.sshKey.findUnique({ where: { name }, select: { id: true } });
  if (!key) throw new UnknownSshKeyError(`no uploaded key named ${name}`);
  return key.id;
}

/** Insert or update nodes by name; cluster and pool come from the labels of the same name. */
export async function upsertNodes(prisma: PrismaClient, nodes: NodeInput[]): Promise<number> {
  let count = 0;
  for (const n of nodes) {
    const labels = n.labels ?? {};
    const data = {
      host: n.host,
      ...(n.proxyJump === undefined ? {} : { proxyJump: n.proxyJump }),
      port: n.port ?? 22,
      user: n.user ?? 'root',
      ...(n.identityFile === undefined ? {} : { identityFile: n.identityFile }),
      ...(n.knownHostsFile === undefined ? {} : { knownHostsFile: n.knownHostsFile }),
      ...(n.sshKeyName === undefined ? {} : { sshKeyId: await sshKeyIdOf(prisma, n.sshKeyName) }),
      labels,
      cluster: labels.cluster ?? 'default',
      pool: labels.pool ?? 'default',
      ...(n.enabled === undefined ? {} : { enabled: n.enabled }),
      ...(n.useSudo === undefined ? {} : { useSudo: n.useSudo }),
      ...(n.tofu === undefined ? {} : { tofu: n.tofu }),
      ...(n.intervalSec === undefined ? {} : { intervalSec: n.intervalSec }),
    };
    await prisma.node.upsert({ where: { name: n.name }, create: { name: n.name, ...data }, update: data });
    count++;
  }
  return count;
}

export async function getNodeByName(prisma: PrismaClient, name: string) {
  return prisma.node.findUnique({ where: { name } });
}

/** Records a failed attempt (unreachable, refused host key…) without a snapshot. */
export async function recordCollectionFailure(
  prisma: PrismaClient,
  nodeId: number,
  state: string,
  error: string,
  at: Date,
): Promise<void> {
  await prisma.node.update({
    where: { id: nodeId },
    data: { lastState: state, lastError: error, lastAttemptAt: at },
  });
}
