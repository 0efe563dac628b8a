import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Keyring, loadKeyring, SecretKeyError } from './secret-keyring.ts';

/**
 * AES-256-GCM envelopes: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). The key id says
 * which key of the keyring opens it, so old secrets stay readable after a rotation. `purpose`
 * is bound as additional data: a sealed SSH key cannot be replayed as another kind of secret.
 */
export function seal(plain: Buffer | string, purpose: string, keyring: Keyring = loadKeyring()) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  const tag = cipher.getAuthTag();
  const parts = ['v1', keyring.current.id, iv, tag, ct].map((p) =>
    typeof p === 'string' ? p : p.toString('base64url'),
  );
  return { envelope: parts.join('.'), keyId: keyring.current.id };
}

export function sealedKeyId(envelope: string): string {
  return envelope.split('.')[1] ?? '';
}

export function open(envelope: string, purpose: string, keyring: Keyring = loadKeyring()): Buffer {
  const [version, kid, iv, tag, ct] = envelope.split('.');
  if (version !== 'v1' || !kid || !iv || !tag || ct === undefined)
    throw new SecretKeyError('unreadable secret envelope');
  const key = keyring.all.get(kid);
  if (!key) {
    throw new SecretKeyError(
      `this secret was sealed with key ${kid}, which is not in the keyring (NODESCOPE_SECRET_KEY / NODESCOPE_SECRET_KEYS_OLD or the data folder's secret-keys)`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
  } catch {
    throw new SecretKeyError(`secret sealed with key ${kid} failed its integrity check`);
  }
}
