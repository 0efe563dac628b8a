import { describe, expect, it } from 'vitest';
import { hostKeyFingerprints } from './host-key-fingerprints';

const A = 'SHA256:P6nMge+8LyfHEl9Vt+IJz6G8zDC2g2X2AUyWpv1zaBs';
const B = 'SHA256:SQZzX9g6ObuuH2LpvUYxhUpdwu0IvwyRdEK7Bf68v3w';
const C = 'SHA256:abc/def+ghi=';
const msg = (expects: string) =>
  `SECURITY: host key for 127.0.0.1:42043 has CHANGED: the server offered ${A}, the server's trusted host keys expects ${expects}. Someone may be intercepting the connection.`;

describe('hostKeyFingerprints', () => {
  it.each([
    ['a bare fingerprint', msg(B), [B]],
    ['an ed25519 key with its type', msg(`ssh-ed25519 ${B}`), [`ssh-ed25519 ${B}`]],
    ['an ecdsa key with its type', msg(`ecdsa-sha2-nistp256 ${B}`), [`ecdsa-sha2-nistp256 ${B}`]],
    [
      'two trusted keys of different types',
      msg(`ssh-ed25519 ${B} or ecdsa-sha2-nistp256 ${C}`),
      [`ssh-ed25519 ${B}`, `ecdsa-sha2-nistp256 ${C}`],
    ],
  ])('reads %s', (_, error, expected) => {
    expect(hostKeyFingerprints(error)).toEqual({ offered: A, expected });
  });

  it.each([
    ['no error', null],
    ['an error naming no fingerprint', 'connect ECONNREFUSED 127.0.0.1:22'],
  ])('gives nothing for %s', (_, error) => {
    expect(hostKeyFingerprints(error)).toBeNull();
  });
});
