import { parseAllDocuments } from 'yaml';
import {
  type InventoryDefaults,
  type InventoryResult,
  nodeListOf,
  validateEntries,
} from './inventory-node.ts';

/**
 * Reads a YAML inventory: a list of nodes, or a mapping with a `nodes:` list. Same fields as
 * the JSON inventory. Never throws: YAML syntax errors come back as warnings with their line.
 */
export function fromYaml(text: string, defaults: InventoryDefaults = {}): InventoryResult {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const documents = Array.isArray(docs) ? docs : [docs];
  const first = documents[0];
  if (!first) return { nodes: [], warnings: ['YAML inventory is empty'] };
  if (first.errors.length > 0) {
    return { nodes: [], warnings: first.errors.map((e) => `YAML inventory: ${e.message.split('\n')[0]}`) };
  }
  const warnings =
    documents.length > 1 ? ['YAML inventory has several documents; only the first is read'] : [];
  const data: unknown = first.toJS();
  const list = nodeListOf(data);
  if (!list) {
    return {
      nodes: [],
      warnings: [...warnings, 'YAML inventory must be a list of nodes or have a "nodes:" list'],
    };
  }
  const result = validateEntries(list, 'YAML inventory', defaults);
  return { nodes: result.nodes, warnings: [...warnings, ...result.warnings] };
}
