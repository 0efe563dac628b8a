/**
 * Redaction for exports that leave the team: host names (the incident's nodes and their SSH
 * hosts) become node-1, node-2…, IPv4 and IPv6 addresses become [ip]. Longest names first so
 * `web-10` is not half-replaced by `web-1`.
 */
export function makeRedactor(names: string[]): (s: string) => string {
  const uniq = [...new Set(names.filter((n) => n && n.length >= 2))].sort((a, b) => b.length - a.length);
  const alias = new Map<string, string>();
  for (const n of [...new Set(names.filter((n) => n && n.length >= 2))]) {
    if (!alias.has(n)) alias.set(n, `node-${alias.size + 1}`);
  }
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const nameRe = uniq.length ? new RegExp(uniq.map(esc).join('|'), 'g') : null;
  const ipv4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
  // Full and compressed IPv6 with at least two colons and a hex group; avoids times like 05:48:07.
  const ipv6 =
    /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:)+:(?:[0-9a-f]{1,4}:?)*\b|::1\b/gi;
  return (s: string) => {
    let out = s.replace(ipv4, '[ip]');
    out = out.replace(ipv6, (m) => (/[a-f]/i.test(m) || m.includes('::') ? '[ip]' : m));
    if (nameRe) out = out.replace(nameRe, (m) => alias.get(m) ?? m);
    return out;
  };
}
