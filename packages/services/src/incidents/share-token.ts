import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Share-link tokens: `v1.<incidentId>.<expiresEpochSec>.<nonce>.<hmac>`, base64url parts.
 * The signature makes a forged or edited token fail before any database read; the database
 * keeps only sha256(token), so a leaked table does not leak working links.
 */
export interface TokenClaims {
  incidentId: number;
  expiresAt: Date;
}

function sign(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function mintShareToken(secret: Buffer, claims: TokenClaims): string {
  const body = `v1.${claims.incidentId}.${Math.floor(claims.expiresAt.getTime() / 1000)}.${randomBytes(18).toString('base64url')}`;
  return `${body}.${sign(secret, body)}`;
}

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN = /^v1\.(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/;

/** The claims of a well-formed, correctly signed token (expiry not checked here); else null. */
export function verifyShareToken(secret: Buffer, token: string): TokenClaims | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const body = token.slice(0, token.lastIndexOf('.'));
  const want = Buffer.from(sign(secret, body));
  const got = Buffer.from(m[4] ?? '');
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { incidentId: Number(m[1]), expiresAt: new Date(Number(m[2]) * 1000) };
}
