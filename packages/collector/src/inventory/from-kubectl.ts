import {
  type InventoryDefaults,
  type InventoryNode,
  type InventoryResult,
  validateEntries,
} from './inventory-node.ts';

/**
 * Builds an inventory from `kubectl get nodes -o json`: name, InternalIP (the address SSH can
 * reach from inside the cluster network), labels, kubelet and kernel versions. Nodes without an
 * InternalIP fall back to their Hostname address, then to the node name, with a warning.
 */

interface K8sNode {
  metadata?: { name?: unknown; labels?: unknown };
  status?: {
    addresses?: Array<{ type?: unknown; address?: unknown }>;
    nodeInfo?: { kubeletVersion?: unknown; kernelVersion?: unknown };
  };
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  }
  return out;
}

export function fromKubectlNodes(json: string | unknown, defaults: InventoryDefaults = {}): InventoryResult {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (err) {
      return {
        nodes: [],
        warnings: [`not JSON (expected kubectl get nodes -o json): ${(err as Error).message}`],
      };
    }
  }
  const d = data as { kind?: unknown; items?: unknown };
  const items: unknown[] | undefined = Array.isArray(d?.items)
    ? d.items
    : d?.kind === 'Node'
      ? [d]
      : undefined;
  if (!items)
    return { nodes: [], warnings: ['expected a NodeList (kubectl get nodes -o json) with an "items" array'] };

  const warnings: string[] = [];
  const entries = items.map((raw, i) => {
    const n = (raw ?? {}) as K8sNode;
    const name = typeof n.metadata?.name === 'string' ? n.metadata.name : undefined;
    const addresses = Array.isArray(n.status?.addresses) ? n.status.addresses : [];
    const addr = (type: string) => {
      const a = addresses.find((x) => x?.type === type)?.address;
      return typeof a === 'string' && a !== '' ? a : undefined;
    };
    let host = addr('InternalIP');
    if (!host) {
      host = addr('Hostname') ?? name;
      if (name) warnings.push(`node ${name} has no InternalIP; using ${host}`);
      else warnings.push(`NodeList item ${i + 1} has no metadata.name; skipped`);
    }
    const info = n.status?.nodeInfo;
    const entry: Partial<Record<keyof InventoryNode, unknown>> = {
      name,
      host,
      labels: stringRecord(n.metadata?.labels),
    };
    if (typeof info?.kubeletVersion === 'string') entry.kubeletVersion = info.kubeletVersion;
    if (typeof info?.kernelVersion === 'string') entry.kernelVersion = info.kernelVersion;
    return entry;
  });
  const result = validateEntries(
    entries.filter((e) => typeof e.name === 'string'),
    'node',
    defaults,
  );
  return { nodes: result.nodes, warnings: [...warnings, ...result.warnings] };
}
