import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader only exposes its default export.
const { utils } = ssh2;

export interface KeyPair {
  privateKey: string;
  /** OpenSSH public line: `ssh-ed25519 AAAA…`. */
  publicKey: string;
}

async function readPair(file: string): Promise<KeyPair | undefined> {
  try {
    const [privateKey, publicKey] = await Promise.all([
      readFile(file, 'utf8'),
      readFile(`${file}.pub`, 'utf8'),
    ]);
    return { privateKey, publicKey: publicKey.trim() };
  } catch {
    return undefined;
  }
}

/**
 * ssh2 1.17's generateKeyPairSync('ed25519') yields, about 3 times in 1,000, a private key its
 * own parser rejects ("Malformed OpenSSH private key"); draw again until it parses.
 */
function generateParsableKey(): { private: string; public: string } {
  for (;;) {
    const k = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(k.private) instanceof Error) && !(utils.parseKey(k.public) instanceof Error))
      return k;
  }
}

/** Loads the key pair at `file` (+ `.pub`), generating and storing it (mode 0600) on first use. */
export async function ensureKeyPair(file: string): Promise<KeyPair> {
  const existing = await readPair(file);
  if (existing) return existing;
  const k = generateParsableKey();
  await writeFile(file, k.private, { mode: 0o600 });
  await chmod(file, 0o600);
  await writeFile(`${file}.pub`, `${k.public}\n`, { mode: 0o644 });
  return { privateKey: k.private, publicKey: k.public.trim() };
}

/** Host keys live per node name, so a node presents the same key on every start. */
export async function ensureHostKey(stateDir: string, name: string, variant = ''): Promise<KeyPair> {
  const dir = join(stateDir, 'host-keys');
  await mkdir(dir, { recursive: true });
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return ensureKeyPair(join(dir, `${safe}${variant}`));
}

export function clientKeyFile(stateDir: string): string {
  return join(stateDir, 'id_ed25519');
}

/** An OpenSSH known_hosts line; non-22 ports use the bracketed form. */
export function knownHostsLine(host: string, port: number, publicKey: string): string {
  const [type, blob] = publicKey.split(/\s+/);
  const who = port === 22 ? host : `[${host}]:${port}`;
  return `${who} ${type} ${blob}`;
}
