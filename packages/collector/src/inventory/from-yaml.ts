import { parseAllDocuments } from 'yaml';
import { type InventoryDefaults, type InventoryResult, validateEntries } from './inventory-node.ts';

/**
 * Reads a YAML inventory: a list of nodes, or a mapping with a `nodes:` list. Same fields as
 * the JSON inventory. Never throws: YAML syntax errors come back as warnings with their line.
 */
export function fromYaml(text: string, defaults: InventoryDefaults = {}): InventoryResult {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const first = list[0];
  if (!first) return { nodes: [], warnings: ['YAML inventory is empty'] };
  if (first.errors.length > 0) {
    return { nodes: [], warnings: first.errors.map((e) => `YAML inventory: ${e.message.split('\n')[0]}`) };
  }
  const warnings = list.length > 1 ? ['YAML inventory has several documents; only the first is read'] : [];
  let data: unknown = first.toJS();
  if (
    data &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Array.isArray((data as { nodes?: unknown }).nodes)
  ) {
    data = (data as { nodes: unknown[] }).nodes;
  }
  if (!Array.isArray(data)) {
    return {
      nodes: [],
      warnings: [...warnings, 'YAML inventory must be a list of nodes or have a "nodes:" list'],
    };
  }
  const result = validateEntries(data, 'YAML inventory', defaults);
  return { nodes: result.nodes, warnings: [...warnings, ...result.warnings] };
}
