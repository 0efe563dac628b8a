import { createHash } from 'node:crypto';

/** SHA256 fingerprint exactly as `ssh-keygen -lf` prints it: "SHA256:" + unpadded base64. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The key type named inside an SSH wire-format public key blob (a uint32 length then the name).
 * Returns undefined for blobs too short to be keys, so bad known_hosts lines are skipped, not fatal.
 */
export function keyTypeOfBlob(keyBlob: Buffer): string | undefined {
  if (keyBlob.length < 4) return undefined;
  const len = keyBlob.readUInt32BE(0);
  if (len === 0 || len > 64 || keyBlob.length < 4 + len) return undefined;
  const type = keyBlob.subarray(4, 4 + len).toString('latin1');
  return /^[a-z0-9@.-]+$/.test(type) ? type : undefined;
}

/** Host key algorithms ssh2 may negotiate for a key type, for steering negotiation to known keys. */
export function hostKeyAlgorithmsFor(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType];
}
