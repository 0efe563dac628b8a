import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashShareToken, mintShareToken, verifyShareToken } from './share-token.ts';

const secret = randomBytes(32);
const claims = { incidentId: 42, expiresAt: new Date('2027-01-01T00:00:00Z') };

describe('share tokens', () => {
  it('round-trips its claims', () => {
    const t = mintShareToken(secret, claims);
    expect(verifyShareToken(secret, t)).toEqual(claims);
    expect(hashShareToken(t)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('two tokens for the same incident differ', () => {
    expect(mintShareToken(secret, claims)).not.toBe(mintShareToken(secret, claims));
  });

  const t = mintShareToken(secret, claims);
  const parts = t.split('.');
  it.each([
    ['another secret', randomBytes(32), t],
    ['edited incident id', secret, [parts[0], '43', ...parts.slice(2)].join('.')],
    ['extended expiry', secret, [parts[0], parts[1], '99999999999', ...parts.slice(3)].join('.')],
    ['cut signature', secret, t.slice(0, -2)],
    ['garbage', secret, '../../etc/passwd'],
    ['empty', secret, ''],
  ])('refuses %s', (_name, key, token) => {
    expect(verifyShareToken(key as Buffer, token as string)).toBeNull();
  });
});
