/**
 * OpenSSH host pattern matching, shared by known_hosts and ssh_config: `*` and `?` wildcards,
 * `!pattern` negation. Host names compare case-insensitively, as OpenSSH lowercases them.
 */

const cache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let src = '^';
  for (const ch of glob) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  re = new RegExp(`${src}$`, 'i');
  if (cache.size > 10_000) cache.clear();
  cache.set(glob, re);
  return re;
}

export function matchesGlob(name: string, glob: string): boolean {
  if (!glob.includes('*') && !glob.includes('?')) return name.toLowerCase() === glob.toLowerCase();
  return globToRegExp(glob).test(name);
}

/**
 * True when one of the patterns matches and no negated pattern does: a negation alone never
 * matches anything (OpenSSH semantics for both `Host` lines and known_hosts host lists).
 */
export function matchesPatternList(name: string, patterns: readonly string[]): boolean {
  let positive = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (matchesGlob(name, p.slice(1))) return false;
    } else if (!positive && matchesGlob(name, p)) {
      positive = true;
    }
  }
  return positive;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?') || pattern.startsWith('!');
}
