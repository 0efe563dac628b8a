import type { SshTarget } from '../ssh/ssh-target.ts';
import { parseUserHostPort } from '../ssh/ssh-target.ts';
import type { InventoryNode } from './inventory-node.ts';

/**
 * The SshTarget for an inventory node. Jump hops inherit the node's user and key unless the hop
 * names its own user, as a bastion usually shares the engineer's key.
 */
export function inventoryTarget(node: InventoryNode): { target: SshTarget; warnings: string[] } {
  const warnings: string[] = [];
  const base = node.identityFile ? { identityFile: node.identityFile } : {};
  const target: SshTarget = { name: node.name, host: node.host, port: node.port, user: node.user, ...base };
  const jump: SshTarget[] = [];
  for (const spec of node.proxyJump ?? []) {
    const hop = parseUserHostPort(spec, { user: node.user });
    if (!hop) warnings.push(`${node.name}: cannot read jump host "${spec}"; ignored`);
    else jump.push({ name: hop.host, ...hop, ...base });
  }
  if (jump.length > 0) target.jump = jump;
  return { target, warnings };
}
