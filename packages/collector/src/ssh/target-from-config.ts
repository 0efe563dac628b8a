import { type ResolveContext, resolveHost, type SshConfig } from './ssh-config.ts';
import { parseUserHostPort, type SshTarget } from './ssh-target.ts';

/** Marks "no user@ in the ProxyJump entry", so the hop's own config User applies. */
const NO_USER = '\u0000';

/**
 * Turns `ssh alias` into an SshTarget, resolving each ProxyJump hop through the same config as
 * ssh(1) does (a hop may itself be an alias with its own HostName, User and key). The first
 * IdentityFile is used. Jump chains that loop are cut with a warning.
 */
export function targetFromSshConfig(
  config: SshConfig,
  alias: string,
  ctx: ResolveContext = {},
): { target: SshTarget; warnings: string[] } {
  const warnings: string[] = [];
  const build = (name: string, seen: string[], override?: { user?: string; port?: number }): SshTarget => {
    const r = resolveHost(config, name, ctx);
    warnings.push(...r.warnings.map((w) => `${name}: ${w}`));
    const target: SshTarget = {
      name,
      host: r.hostName,
      port: override?.port ?? r.port,
      user: override?.user ?? r.user,
    };
    if (r.identityFiles[0]) target.identityFile = r.identityFiles[0];
    const jump: SshTarget[] = [];
    for (const spec of r.proxyJump) {
      const hop = parseUserHostPort(spec, { user: NO_USER });
      if (!hop) {
        warnings.push(`${name}: cannot read ProxyJump "${spec}"`);
        continue;
      }
      if (seen.includes(hop.host)) {
        warnings.push(`${name}: ProxyJump loop through ${hop.host} ignored`);
        continue;
      }
      const explicitPort = /:\d+$/.test(spec) ? hop.port : undefined;
      const hopTarget = build(hop.host, [...seen, hop.host], {
        ...(hop.user !== NO_USER ? { user: hop.user } : {}),
        ...(explicitPort !== undefined ? { port: explicitPort } : {}),
      });
      // A hop's own jumps come before it, as ssh(1) chains them.
      jump.push(...(hopTarget.jump ?? []), { ...hopTarget, jump: undefined });
    }
    if (jump.length > 0) target.jump = jump.map(({ jump: _, ...t }) => t);
    return target;
  };
  return { target: build(alias, [alias]), warnings };
}
