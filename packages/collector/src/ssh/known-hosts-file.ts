import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HostKeyChangedError, HostKeyRevokedError, HostKeyUnknownError } from './errors.ts';
import { formatKnownHostsLine, type KnownHosts, parseKnownHosts, verifyHostKey } from './known-hosts.ts';

/**
 * known_hosts files on disk. A fleet run checks thousands of hosts against one file, so the
 * parsed file is cached and re-read only when its mtime or size changes (e.g. after a TOFU append).
 */

const cache = new Map<string, { mtimeMs: number; size: number; kh: KnownHosts }>();

export async function loadKnownHosts(file: string): Promise<KnownHosts> {
  let st: { mtimeMs: number; size: number };
  try {
    st = await stat(file);
  } catch (err) {
    // A missing file is an empty trust store: every host is unknown, which is refused by default.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return parseKnownHosts('');
    throw err;
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.kh;
  const kh = parseKnownHosts(await readFile(file, 'utf8'));
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, kh });
  return kh;
}

/** Appends in one write with O_APPEND, so concurrent first connections do not interleave lines. */
export async function appendKnownHost(
  file: string,
  host: string,
  port: number,
  keyBlob: Buffer,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  let prefix = '';
  try {
    const text = await readFile(file, 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) prefix = '\n';
  } catch {
    // no file yet: appendFile creates it
  }
  await appendFile(file, `${prefix}${formatKnownHostsLine(host, port, keyBlob)}\n`, { mode: 0o600 });
  cache.delete(file);
}

/**
 * Host keys kept by the server (its database). When a policy has a store, trust-on-first-use
 * writes there and never to a file; the known_hosts file, if any, is only read.
 */
export interface HostKeyStore {
  label: string;
  linesFor(host: string, port: number): Promise<string[]>;
  trust(host: string, port: number, keyBlob: Buffer): Promise<void>;
}

export interface HostKeyPolicy {
  /** A known_hosts file from the operator's configuration (env, CLI flag); read-only when a store is given. */
  knownHostsFile?: string;
  store?: HostKeyStore;
  /** Trust-on-first-use: record an unknown key instead of refusing. Never applies to changed keys. */
  tofu?: boolean;
}

/** The file's entries and the store's entries for one endpoint. */
export async function loadTrusted(policy: HostKeyPolicy, host: string, port: number): Promise<KnownHosts[]> {
  const out: KnownHosts[] = [];
  if (policy.knownHostsFile) out.push(await loadKnownHosts(policy.knownHostsFile));
  if (policy.store) out.push(parseKnownHosts((await policy.store.linesFor(host, port)).join('\n')));
  return out;
}

/** Where trust was looked up, for messages. With a store (the server) configured paths are not named: messages reach the browser. */
function trustLabel(policy: HostKeyPolicy): string {
  if (policy.store)
    return `${policy.store.label}${policy.knownHostsFile ? ' or the configured known_hosts file' : ''}`;
  return policy.knownHostsFile ?? 'an empty trust store';
}

/**
 * Checks an offered host key against the policy. Resolves with the fingerprint when the key may
 * be used; rejects with HostKeyUnknownError / HostKeyChangedError / HostKeyRevokedError otherwise.
 */
export async function checkHostKey(
  policy: HostKeyPolicy,
  host: string,
  port: number,
  keyBlob: Buffer,
): Promise<{ fingerprint: string; added: boolean }> {
  const kh = await loadTrusted(policy, host, port);
  const label = trustLabel(policy);
  const verdict = verifyHostKey(kh, host, port, keyBlob);
  switch (verdict.status) {
    case 'trusted':
      return { fingerprint: verdict.fingerprint, added: false };
    case 'revoked':
      throw new HostKeyRevokedError(host, port, verdict.fingerprint, label);
    case 'changed':
      throw new HostKeyChangedError(
        host,
        port,
        verdict.fingerprint,
        verdict.expectedFingerprints,
        label,
        keyBlob,
      );
    case 'unknown':
      if (!policy.tofu) {
        throw new HostKeyUnknownError(host, port, verdict.fingerprint, verdict.keyType, label);
      }
      if (policy.store) await policy.store.trust(host, port, keyBlob);
      else if (policy.knownHostsFile) await appendKnownHost(policy.knownHostsFile, host, port, keyBlob);
      else throw new HostKeyUnknownError(host, port, verdict.fingerprint, verdict.keyType, label);
      return { fingerprint: verdict.fingerprint, added: true };
  }
}
