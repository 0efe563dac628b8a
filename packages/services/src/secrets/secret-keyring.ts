import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../data-dir.ts';
import { env } from '@nodescope/config';

/**
 * The keys that seal secrets at rest (AES-256-GCM, 32 bytes each). The first is current and
 * seals; the others only open what older keys sealed, until `nodescope secrets rotate`
 * re-seals everything. Sources, in order:
 * - NODESCOPE_SECRET_KEY (base64 or hex of 32 bytes) and NODESCOPE_SECRET_KEYS_OLD (comma list);
 * - otherwise `<data folder>/secret-keys`, mode 0600, one base64 key per line, generated on first use.
 */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: SecretKey;
  all: Map<string, SecretKey>;
  source: 'env' | 'file';
  file?: string;
}

export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function decodeKey(text: string, what: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length !== 32) {
    throw new SecretKeyError(
      `${what} must be 32 random bytes as base64 or hex (e.g. \`openssl rand -base64 32\`), got ${buf.length} bytes`,
    );
  }
  return buf;
}

export function keyFilePath(): string {
  return path.join(dataDir(), 'secret-keys');
}

function ring(keys: Buffer[], source: Keyring['source'], file?: string): Keyring {
  const all = new Map<string, SecretKey>();
  for (const key of keys) all.set(keyId(key), { id: keyId(key), key });
  const first = keys[0] as Buffer;
  return { current: { id: keyId(first), key: first }, all, source, ...(file ? { file } : {}) };
}

function readKeyFile(file: string): Buffer[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l, i) => decodeKey(l, `line ${i + 1} of ${file}`));
}

function writeKeyFile(file: string, keys: Buffer[]): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const body = `# Nodescope secret keys: first line seals, the others only open older secrets. Keep private.\n${keys.map((k) => k.toString('base64')).join('\n')}\n`;
  writeFileSync(file, body, { mode: 0o600 });
  chmodSync(file, 0o600);
}

let cached: { sig: string; ring: Keyring } | undefined;

export function loadKeyring(): Keyring {
  const current = env('NODESCOPE_SECRET_KEY');
  const old = env('NODESCOPE_SECRET_KEYS_OLD') ?? '';
  const file = keyFilePath();
  const sig = `${current ?? ''}|${old}|${file}`;
  if (cached && cached.sig === sig && cached.ring.source === 'env') return cached.ring;
  let result: Keyring;
  if (current) {
    const keys = [
      decodeKey(current, 'NODESCOPE_SECRET_KEY'),
      ...old
        .split(',')
        .filter((s) => s.trim())
        .map((s, i) => decodeKey(s, `NODESCOPE_SECRET_KEYS_OLD item ${i + 1}`)),
    ];
    result = ring(keys, 'env');
  } else {
    if (!existsSync(file)) writeKeyFile(file, [randomBytes(32)]);
    result = ring(readKeyFile(file), 'file', file);
  }
  cached = { sig, ring: result };
  return result;
}

/** File keyring only: a new current key first, the previous ones kept for reading. */
export function addKeyToFile(): Keyring {
  if (env('NODESCOPE_SECRET_KEY')) {
    throw new SecretKeyError(
      'NODESCOPE_SECRET_KEY is set: put the new key there and the old one in NODESCOPE_SECRET_KEYS_OLD, then run the rotation again',
    );
  }
  const file = keyFilePath();
  const keys = existsSync(file) ? readKeyFile(file) : [];
  writeKeyFile(file, [randomBytes(32), ...keys]);
  cached = undefined;
  return loadKeyring();
}

/** After every secret is re-sealed: keep only the current key in the file. */
export function dropOldKeysFromFile(): void {
  const r = loadKeyring();
  if (r.source !== 'file' || !r.file) return;
  writeKeyFile(r.file, [r.current.key]);
  cached = undefined;
}
