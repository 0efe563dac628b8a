import { z } from 'zod';

/**
 * One node the collector can reach. This is the JSON inventory contract
 * (`[{ name, host, port, user, identityFile, knownHostsFile, labels }]`), written by
 * `nodescope simulate` and read by the fleet collector; importers produce the same shape.
 */
export interface InventoryNode {
  name: string;
  host: string;
  port: number;
  user: string;
  identityFile?: string;
  knownHostsFile?: string;
  labels: Record<string, string>;
  /** Jump hosts as `[user@]host[:port]`, in order (from ProxyJump or the inventory). */
  proxyJump?: string[];
  kubeletVersion?: string;
  kernelVersion?: string;
}

export interface InventoryResult {
  nodes: InventoryNode[];
  /** Every entry that was skipped or adjusted, with where and why. Importers never throw. */
  warnings: string[];
}

export interface InventoryDefaults {
  user?: string;
  port?: number;
  identityFile?: string;
  knownHostsFile?: string;
}

/** Node names end up in URLs (/nodes/<name>) and file names: Kubernetes node-name characters only. */
export const NODE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$/;

const labelValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const inventoryNodeSchema = z.object({
  name: z.string().regex(NODE_NAME, 'must be a node name (letters, digits, ".", "_", "-")'),
  host: z.string().trim().min(1, 'must not be empty'),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  user: z.string().trim().min(1).optional(),
  identityFile: z.string().min(1).nullish(),
  knownHostsFile: z.string().min(1).nullish(),
  labels: z.record(z.string(), labelValue).nullish(),
  proxyJump: z.union([z.string(), z.array(z.string())]).nullish(),
  kubeletVersion: z.string().nullish(),
  kernelVersion: z.string().nullish(),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : 'entry'}: ${i.message}`)
    .join('; ');
}

/**
 * Validates raw entries one by one: a bad entry becomes a warning naming its position (and name
 * when it has one) while the good ones are kept, so one typo does not drop a whole fleet.
 */
export function validateEntries(
  entries: unknown[],
  source: string,
  defaults: InventoryDefaults = {},
): InventoryResult {
  const result: InventoryResult = { nodes: [], warnings: [] };
  const seen = new Set<string>();
  entries.forEach((raw, i) => {
    const where = `${source} entry ${i + 1}`;
    const named =
      raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string'
        ? ` (${(raw as { name: string }).name})`
        : '';
    const parsed = inventoryNodeSchema.safeParse(raw);
    if (!parsed.success) {
      result.warnings.push(`${where}${named} skipped: ${describeIssues(parsed.error)}`);
      return;
    }
    const e = parsed.data;
    if (seen.has(e.name)) {
      result.warnings.push(`${where}: duplicate node name "${e.name}" skipped`);
      return;
    }
    seen.add(e.name);
    const node: InventoryNode = {
      name: e.name,
      host: e.host,
      port: e.port ?? defaults.port ?? 22,
      user: e.user ?? defaults.user ?? 'root',
      labels: e.labels ?? {},
    };
    const identityFile = e.identityFile ?? defaults.identityFile;
    if (identityFile) node.identityFile = identityFile;
    const knownHostsFile = e.knownHostsFile ?? defaults.knownHostsFile;
    if (knownHostsFile) node.knownHostsFile = knownHostsFile;
    if (e.proxyJump) {
      const hops = (Array.isArray(e.proxyJump) ? e.proxyJump : e.proxyJump.split(','))
        .map((h) => h.trim())
        .filter(Boolean);
      if (hops.length > 0) node.proxyJump = hops;
    }
    if (e.kubeletVersion) node.kubeletVersion = e.kubeletVersion;
    if (e.kernelVersion) node.kernelVersion = e.kernelVersion;
    result.nodes.push(node);
  });
  return result;
}

/** The node list of an inventory document: the document itself, or its `nodes` list. */
export function nodeListOf(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  const nodes = data && typeof data === 'object' ? (data as { nodes?: unknown }).nodes : undefined;
  return Array.isArray(nodes) ? nodes : undefined;
}
