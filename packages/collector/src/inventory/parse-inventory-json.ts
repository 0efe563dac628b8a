import {
  type InventoryDefaults,
  type InventoryResult,
  nodeListOf,
  validateEntries,
} from './inventory-node.ts';

/** Reads the JSON inventory (an array of nodes, or `{ "nodes": [...] }`). Never throws. */
export function parseInventoryJson(text: string, defaults: InventoryDefaults = {}): InventoryResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { nodes: [], warnings: [`inventory is not valid JSON: ${(err as Error).message}`] };
  }
  const list = nodeListOf(data);
  if (!list) {
    return {
      nodes: [],
      warnings: ['inventory JSON must be an array of nodes ([{ "name", "host", "port", "user", ... }])'],
    };
  }
  return validateEntries(list, 'inventory', defaults);
}
