import { writeFile } from 'node:fs/promises';

/** One reachable node, as `nodescope` inventories and the collector expect it. */
export interface InventoryEntry {
  name: string;
  host: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
  labels: Record<string, string>;
}

export async function writeInventory(file: string, inventory: readonly InventoryEntry[]): Promise<void> {
  await writeFile(file, `${JSON.stringify(inventory, null, 2)}\n`);
}
