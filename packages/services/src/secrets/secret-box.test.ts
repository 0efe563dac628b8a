import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { open, seal, sealedKeyId } from './secret-box.ts';
import { addKeyToFile, dropOldKeysFromFile, keyId, loadKeyring } from './secret-keyring.ts';

let dir: string;
const saved = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-secrets-'));
  process.env.NODESCOPE_DATA_DIR = dir;
  delete process.env.NODESCOPE_SECRET_KEY;
  delete process.env.NODESCOPE_SECRET_KEYS_OLD;
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

describe('secrets at rest', () => {
  it('generates a 0600 key file on first use and round-trips a secret', () => {
    const { envelope } = seal('-----BEGIN OPENSSH PRIVATE KEY-----x', 'ssh-key');
    expect(statSync(join(dir, 'secret-keys')).mode & 0o777).toBe(0o600);
    expect(envelope).not.toContain('OPENSSH');
    expect(open(envelope, 'ssh-key').toString()).toBe('-----BEGIN OPENSSH PRIVATE KEY-----x');
  });

  it.each([
    ['another purpose', (e: string) => e, 'hostkey'],
    [
      'a flipped ciphertext byte',
      (e: string) => `${e.slice(0, -2)}${e.endsWith('A') ? 'B' : 'A'}${e.slice(-1)}`,
      'ssh-key',
    ],
    ['a foreign key id', (e: string) => e.replace(/^v1\.[0-9a-f]+\./, 'v1.000000000000.'), 'ssh-key'],
    ['garbage', () => 'not-an-envelope', 'ssh-key'],
  ])('refuses %s', (_what, mangle, purpose) => {
    const { envelope } = seal('secret', 'ssh-key');
    expect(() => open(mangle(envelope), purpose)).toThrow();
  });

  it('file rotation: a new current key seals, old secrets still open until the old key is dropped', () => {
    const old = seal('one', 'ssh-key');
    const ring = addKeyToFile();
    expect(ring.all.size).toBe(2);
    expect(ring.current.id).not.toBe(old.keyId);
    expect(open(old.envelope, 'ssh-key').toString()).toBe('one');
    const fresh = seal(open(old.envelope, 'ssh-key'), 'ssh-key');
    expect(sealedKeyId(fresh.envelope)).toBe(ring.current.id);
    dropOldKeysFromFile();
    expect(readFileSync(join(dir, 'secret-keys'), 'utf8').trim().split('\n')).toHaveLength(2); // comment + key
    expect(() => open(old.envelope, 'ssh-key')).toThrow(/not in the keyring/);
    expect(open(fresh.envelope, 'ssh-key').toString()).toBe('one');
  });

  it('env rotation: NODESCOPE_SECRET_KEY seals, NODESCOPE_SECRET_KEYS_OLD only opens', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    process.env.NODESCOPE_SECRET_KEY = a.toString('base64');
    const sealed = seal('two', 'ssh-key');
    expect(sealed.keyId).toBe(keyId(a));
    process.env.NODESCOPE_SECRET_KEY = b.toString('hex');
    process.env.NODESCOPE_SECRET_KEYS_OLD = a.toString('base64');
    expect(loadKeyring().current.id).toBe(keyId(b));
    expect(open(sealed.envelope, 'ssh-key').toString()).toBe('two');
    delete process.env.NODESCOPE_SECRET_KEYS_OLD;
    expect(() => open(sealed.envelope, 'ssh-key')).toThrow(/not in the keyring/);
  });

  it('refuses a key that is not 32 bytes', () => {
    process.env.NODESCOPE_SECRET_KEY = 'short';
    expect(() => loadKeyring()).toThrow(/32 random bytes/);
  });
});
