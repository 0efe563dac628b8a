import { concreteHosts, type ResolveContext, parseSshConfig, resolveHost } from '../ssh/ssh-config.ts';
import { targetFromSshConfig } from '../ssh/target-from-config.ts';
import {
  NODE_NAME,
  type InventoryDefaults,
  type InventoryResult,
  validateEntries,
} from './inventory-node.ts';

/**
 * Builds an inventory from an OpenSSH client config: one node per concrete Host name (wildcard
 * and negated patterns only contribute settings), with HostName, User, Port, the first
 * IdentityFile and ProxyJump resolved as `ssh <alias>` would (jump hops through the same config;
 * a hop's own IdentityFile is not carried: the inventory gives hops the node's key).
 */
export function fromSshConfig(
  text: string,
  defaults: InventoryDefaults = {},
  ctx: ResolveContext = {},
): InventoryResult {
  const config = parseSshConfig(text);
  const warnings = config.warnings.map((w) => `ssh config ${w}`);
  const entries: Record<string, unknown>[] = [];
  for (const alias of concreteHosts(config)) {
    if (!NODE_NAME.test(alias)) {
      warnings.push(`ssh config Host "${alias}" is not a usable node name; skipped`);
      continue;
    }
    const r = resolveHost(config, alias, ctx);
    warnings.push(...r.warnings.map((w) => `ssh config ${alias}: ${w}`));
    const entry: Record<string, unknown> = {
      name: alias,
      host: r.hostName,
      port: r.port,
      user: r.user,
      labels: {},
    };
    if (r.identityFiles[0]) entry.identityFile = r.identityFiles[0];
    if (r.proxyJump.length > 0) {
      // Hops are resolved through the same config (a hop is often an alias like "bastion").
      const { target } = targetFromSshConfig(config, alias, ctx);
      entry.proxyJump = (target.jump ?? []).map(
        (j) => `${j.user}@${j.host.includes(':') ? `[${j.host}]` : j.host}:${j.port}`,
      );
    }
    entries.push(entry);
  }
  if (entries.length === 0) warnings.push('ssh config has no concrete Host entries');
  const result = validateEntries(entries, 'ssh config host', defaults);
  return { nodes: result.nodes, warnings: [...warnings, ...result.warnings] };
}
