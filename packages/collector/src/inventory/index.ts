export { fromCsv, parseCsvRows, parseLabels } from './from-csv.ts';
export { fromKubectlNodes } from './from-kubectl.ts';
export { fromSshConfig } from './from-ssh-config.ts';
export { fromYaml } from './from-yaml.ts';
export {
  type InventoryDefaults,
  type InventoryNode,
  type InventoryResult,
  inventoryNodeSchema,
  NODE_NAME,
  validateEntries,
} from './inventory-node.ts';
export { parseInventoryJson } from './parse-inventory-json.ts';
export { inventoryTarget } from './inventory-target.ts';
