import { createHmac, timingSafeEqual } from 'node:crypto';
import { knownHostsName } from './errors.ts';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint.ts';
import { hasWildcard, matchesPatternList } from './host-pattern.ts';

/**
 * OpenSSH known_hosts, read-only model. Lines look like
 *   [@revoked|@cert-authority] hostpatterns keytype base64key [comment]
 * where hostpatterns is a comma list (`name`, `[name]:port`, wildcards, `!negation`) or one
 * hashed entry `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
 */

export type HostMatcher =
  | { kind: 'patterns'; patterns: string[] }
  | { kind: 'hashed'; salt: Buffer; hash: Buffer };

export interface KnownHostEntry {
  line: number;
  marker?: 'revoked' | 'cert-authority';
  hosts: HostMatcher;
  keyType: string;
  keyBlob: Buffer;
  fingerprint: string;
}

export interface KnownHosts {
  entries: KnownHostEntry[];
  /** Lines skipped or ignored, with why (e.g. @cert-authority, bad base64). */
  notes: string[];
  /** Plain host names -> entries, so a fleet of thousands does not scan every line per node. */
  byName: Map<string, KnownHostEntry[]>;
  /** Entries that need a per-lookup test: hashed, wildcard or negated patterns. */
  scanned: KnownHostEntry[];
  revoked: KnownHostEntry[];
}

export type HostKeyVerdict =
  | { status: 'trusted'; fingerprint: string }
  | { status: 'unknown'; fingerprint: string; keyType: string }
  | { status: 'changed'; fingerprint: string; expectedFingerprints: string[] }
  | { status: 'revoked'; fingerprint: string };

function parseHosts(field: string): HostMatcher | string {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    const saltBuf = Buffer.from(salt ?? '', 'base64');
    const hashBuf = Buffer.from(hash ?? '', 'base64');
    if (saltBuf.length === 0 || hashBuf.length !== 20) return 'unreadable hashed host entry';
    return { kind: 'hashed', salt: saltBuf, hash: hashBuf };
  }
  if (field.startsWith('|')) return `unsupported hashed host format "${field.slice(0, 4)}"`;
  const patterns = field.split(',').filter((p) => p !== '');
  if (patterns.length === 0) return 'no host patterns';
  return { kind: 'patterns', patterns };
}

export function parseKnownHosts(text: string): KnownHosts {
  const kh: KnownHosts = { entries: [], notes: [], byName: new Map(), scanned: [], revoked: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else {
        kh.notes.push(`line ${lineNo}: unknown marker ${m}, line ignored`);
        continue;
      }
    }
    const [hostField, keyType, keyB64] = fields;
    if (marker === 'cert-authority') {
      kh.notes.push(
        `line ${lineNo}: @cert-authority entries are not supported (host certificates are not checked); ignored`,
      );
      continue;
    }
    if (!hostField || !keyType || !keyB64) {
      kh.notes.push(`line ${lineNo}: fewer than 3 fields, ignored`);
      continue;
    }
    const hosts = parseHosts(hostField);
    if (typeof hosts === 'string') {
      kh.notes.push(`line ${lineNo}: ${hosts}, ignored`);
      continue;
    }
    const keyBlob = Buffer.from(keyB64, 'base64');
    const blobType = keyTypeOfBlob(keyBlob);
    if (blobType !== keyType) {
      kh.notes.push(`line ${lineNo}: key data does not hold a ${keyType} key, ignored`);
      continue;
    }
    const entry: KnownHostEntry = {
      line: lineNo,
      hosts,
      keyType,
      keyBlob,
      fingerprint: sha256Fingerprint(keyBlob),
    };
    if (marker) entry.marker = marker;
    kh.entries.push(entry);
    if (marker === 'revoked') kh.revoked.push(entry);
    else if (hosts.kind === 'hashed' || hosts.patterns.some(hasWildcard)) kh.scanned.push(entry);
    else {
      for (const p of hosts.patterns) {
        const key = p.toLowerCase();
        const list = kh.byName.get(key);
        if (list) list.push(entry);
        else kh.byName.set(key, [entry]);
      }
    }
  }
  return kh;
}

function hashedMatches(h: { salt: Buffer; hash: Buffer }, name: string): boolean {
  const digest = createHmac('sha1', h.salt).update(name).digest();
  return digest.length === h.hash.length && timingSafeEqual(digest, h.hash);
}

/** Non-revoked entries whose host part names this endpoint. */
export function entriesFor(kh: KnownHosts | KnownHosts[], host: string, port: number): KnownHostEntry[] {
  const name = knownHostsName(host, port);
  const found: KnownHostEntry[] = [];
  for (const one of Array.isArray(kh) ? kh : [kh]) {
    found.push(...(one.byName.get(name.toLowerCase()) ?? []));
    for (const e of one.scanned) {
      const hit =
        e.hosts.kind === 'hashed' ? hashedMatches(e.hosts, name) : matchesPatternList(name, e.hosts.patterns);
      if (hit) found.push(e);
    }
  }
  return found;
}

/** Key types already known for an endpoint, to prefer them during key exchange like OpenSSH does. */
export function knownKeyTypes(kh: KnownHosts | KnownHosts[], host: string, port: number): string[] {
  return [...new Set(entriesFor(kh, host, port).map((e) => e.keyType))];
}

/**
 * Decide whether a host key offered by host:port is trusted. A key known under another type
 * only counts as "changed": negotiation prefers the known types, so a server that suddenly
 * offers a different type is treated like one whose key changed.
 */
export function verifyHostKey(
  kh: KnownHosts | KnownHosts[],
  host: string,
  port: number,
  keyBlob: Buffer,
): HostKeyVerdict {
  const fingerprint = sha256Fingerprint(keyBlob);
  const all = Array.isArray(kh) ? kh : [kh];
  if (all.some((one) => one.revoked.some((e) => e.keyBlob.equals(keyBlob))))
    return { status: 'revoked', fingerprint };
  const entries = entriesFor(kh, host, port);
  if (entries.some((e) => e.keyBlob.equals(keyBlob))) return { status: 'trusted', fingerprint };
  if (entries.length > 0) {
    const expectedFingerprints = [...new Set(entries.map((e) => `${e.keyType} ${e.fingerprint}`))];
    return { status: 'changed', fingerprint, expectedFingerprints };
  }
  return { status: 'unknown', fingerprint, keyType: keyTypeOfBlob(keyBlob) ?? 'unknown-type' };
}

/** The line trust-on-first-use appends; the same shape ssh-keyscan prints. */
export function formatKnownHostsLine(host: string, port: number, keyBlob: Buffer): string {
  const type = keyTypeOfBlob(keyBlob) ?? 'unknown-type';
  return `${knownHostsName(host, port)} ${type} ${keyBlob.toString('base64')}`;
}
