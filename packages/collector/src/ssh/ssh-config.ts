import { homedir, userInfo } from 'node:os';
import { matchesPatternList } from './host-pattern.ts';

/**
 * The subset of OpenSSH client config a collector needs: Host blocks (several patterns, `*`,
 * `?`, `!negation`) with HostName, User, Port, IdentityFile and ProxyJump. As in ssh(1), the
 * first value obtained for a keyword wins, and IdentityFile accumulates. `Match` blocks are
 * skipped (their conditions need a running ssh), with a warning.
 */

export interface SshConfigBlock {
  /** Patterns of the Host line; `*` for options before the first Host line. */
  patterns: string[];
  line: number;
  options: Array<{ key: string; value: string; line: number }>;
}

export interface SshConfig {
  blocks: SshConfigBlock[];
  warnings: string[];
}

export interface ResolvedHost {
  alias: string;
  hostName: string;
  user: string;
  port: number;
  identityFiles: string[];
  /** Jump hosts in order, as written (`[user@]host[:port]`); empty for none. */
  proxyJump: string[];
  warnings: string[];
}

const KNOWN = new Set(['hostname', 'user', 'port', 'identityfile', 'proxyjump']);

/** Splits `Key value`, `Key=value` and `Key "quoted value"`. */
function splitLine(line: string): { key: string; args: string[] } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(.*)$/.exec(line);
  if (!m) return undefined;
  const args: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let a = re.exec(m[2] ?? ''); a; a = re.exec(m[2] ?? '')) args.push(a[1] ?? a[2] ?? '');
  return { key: (m[1] ?? '').toLowerCase(), args };
}

export function parseSshConfig(text: string): SshConfig {
  const config: SshConfig = { blocks: [], warnings: [] };
  let current: SshConfigBlock | undefined = { patterns: ['*'], line: 0, options: [] };
  config.blocks.push(current);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const parsed = splitLine(line);
    if (!parsed || parsed.args.length === 0) {
      config.warnings.push(`line ${lineNo}: cannot read "${line.slice(0, 60)}"`);
      continue;
    }
    if (parsed.key === 'host') {
      current = { patterns: parsed.args, line: lineNo, options: [] };
      config.blocks.push(current);
    } else if (parsed.key === 'match') {
      config.warnings.push(`line ${lineNo}: Match blocks are not supported; its options are ignored`);
      current = undefined;
    } else if (parsed.key === 'include') {
      config.warnings.push(
        `line ${lineNo}: Include is not followed; options in ${parsed.args.join(' ')} are ignored`,
      );
    } else if (current && KNOWN.has(parsed.key)) {
      const value = parsed.key === 'proxyjump' ? parsed.args.join(',') : parsed.args.join(' ');
      current.options.push({ key: parsed.key, value, line: lineNo });
    }
  }
  return config;
}

export interface ResolveContext {
  localUser?: string;
  home?: string;
}

/** `~` and the %-tokens ssh(1) expands in IdentityFile: %h host, %r remote user, %u local user, %p, %n, %%. */
export function expandTokens(
  value: string,
  t: { host: string; user: string; localUser: string; port: number; alias: string; home: string },
): string {
  const withHome = value === '~' || value.startsWith('~/') ? t.home + value.slice(1) : value;
  return withHome.replace(/%([hrupnd%])/g, (_, c: string) => {
    switch (c) {
      case 'h':
        return t.host;
      case 'r':
        return t.user;
      case 'u':
        return t.localUser;
      case 'p':
        return String(t.port);
      case 'n':
        return t.alias;
      case 'd':
        return t.home;
      default:
        return '%';
    }
  });
}

/** The effective settings for `ssh alias`, walking blocks top to bottom like ssh(1). */
export function resolveHost(config: SshConfig, alias: string, ctx: ResolveContext = {}): ResolvedHost {
  const localUser = ctx.localUser ?? userInfo().username;
  const home = ctx.home ?? homedir();
  const warnings: string[] = [];
  const first = new Map<string, { value: string; line: number }>();
  const identityRaw: string[] = [];
  for (const block of config.blocks) {
    if (!matchesPatternList(alias, block.patterns)) continue;
    for (const o of block.options) {
      if (o.key === 'identityfile') identityRaw.push(o.value);
      else if (!first.has(o.key)) first.set(o.key, o);
    }
  }
  const hostName = (first.get('hostname')?.value ?? alias).replace(/%h/g, alias).replace(/%%/g, '%');
  const user = first.get('user')?.value ?? localUser;
  let port = 22;
  const portOpt = first.get('port');
  if (portOpt) {
    const n = Number(portOpt.value);
    if (Number.isInteger(n) && n > 0 && n < 65536) port = n;
    else warnings.push(`line ${portOpt.line}: bad Port "${portOpt.value}", using 22`);
  }
  const tokens = { host: hostName, user, localUser, port, alias, home };
  const jump = first.get('proxyjump')?.value ?? 'none';
  return {
    alias,
    hostName,
    user,
    port,
    identityFiles: identityRaw.map((v) => expandTokens(v, tokens)),
    proxyJump: jump.toLowerCase() === 'none' ? [] : jump.split(',').filter((j) => j !== ''),
    warnings,
  };
}

/** Host names written without wildcards or negation: the concrete machines a config describes. */
export function concreteHosts(config: SshConfig): string[] {
  const out: string[] = [];
  for (const b of config.blocks) {
    if (b.line === 0) continue;
    for (const p of b.patterns) if (!/[*?!]/.test(p) && !out.includes(p)) out.push(p);
  }
  return out;
}
