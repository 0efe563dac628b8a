import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint.ts';
import { formatKnownHostsLine, knownKeyTypes, parseKnownHosts, verifyHostKey } from './known-hosts.ts';

/** SSH wire-format blobs built from real keys, so tests need no fixture files. */
function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}
function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
}
function ecdsaBlob(): Buffer {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const point = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);
  return Buffer.concat([
    sshString(Buffer.from('ecdsa-sha2-nistp256')),
    sshString(Buffer.from('nistp256')),
    sshString(point),
  ]);
}
function rsaBlob(): Buffer {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const jwk = publicKey.export({ format: 'jwk' });
  const mpint = (b64: string) => {
    const b = Buffer.from(b64, 'base64url');
    return sshString((b[0] as number) & 0x80 ? Buffer.concat([Buffer.alloc(1), b]) : b);
  };
  return Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(jwk.e as string), mpint(jwk.n as string)]);
}
const line = (hosts: string, blob: Buffer) => `${hosts} ${keyTypeOfBlob(blob)} ${blob.toString('base64')}`;
function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

const a = ed25519Blob();
const b = ed25519Blob();
const ec = ecdsaBlob();
const rsa = rsaBlob();

describe('verifyHostKey', () => {
  it('prints fingerprints like ssh-keygen -l (SHA256, unpadded base64)', () => {
    const fp = sha256Fingerprint(a);
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('trusts plain names, comma lists and [host]:port entries', () => {
    const kh = parseKnownHosts(
      [line('worker-1,10.0.0.1', a), line('[10.0.0.2]:2222', ec), line('rsa-node', rsa)].join('\n'),
    );
    expect(kh.notes).toEqual([]);
    expect(verifyHostKey(kh, 'worker-1', 22, a).status).toBe('trusted');
    expect(verifyHostKey(kh, '10.0.0.1', 22, a).status).toBe('trusted');
    expect(verifyHostKey(kh, 'WORKER-1', 22, a).status).toBe('trusted');
    expect(verifyHostKey(kh, '10.0.0.2', 2222, ec).status).toBe('trusted');
    expect(verifyHostKey(kh, 'rsa-node', 22, rsa).status).toBe('trusted');
    // A non-default port is a different known_hosts name.
    expect(verifyHostKey(kh, '10.0.0.1', 2222, a).status).toBe('unknown');
    expect(verifyHostKey(kh, '10.0.0.2', 22, ec).status).toBe('unknown');
  });

  it('reports a changed key with the expected fingerprints', () => {
    const kh = parseKnownHosts(line('worker-1', a));
    const v = verifyHostKey(kh, 'worker-1', 22, b);
    expect(v).toEqual({
      status: 'changed',
      fingerprint: sha256Fingerprint(b),
      expectedFingerprints: [`ssh-ed25519 ${sha256Fingerprint(a)}`],
    });
  });

  it('reports an unknown host with the offered fingerprint and key type', () => {
    const v = verifyHostKey(parseKnownHosts(''), 'new-node', 22, ec);
    expect(v).toEqual({
      status: 'unknown',
      fingerprint: sha256Fingerprint(ec),
      keyType: 'ecdsa-sha2-nistp256',
    });
  });

  it('matches hashed entries (HMAC-SHA1 of the name, incl. [host]:port)', () => {
    const kh = parseKnownHosts([line(hashed('worker-9'), a), line(hashed('[10.1.1.1]:2200'), b)].join('\n'));
    expect(verifyHostKey(kh, 'worker-9', 22, a).status).toBe('trusted');
    expect(verifyHostKey(kh, 'worker-8', 22, a).status).toBe('unknown');
    expect(verifyHostKey(kh, '10.1.1.1', 2200, b).status).toBe('trusted');
    expect(verifyHostKey(kh, '10.1.1.1', 2200, a).status).toBe('changed');
  });

  it('honours wildcards and negation in host patterns', () => {
    const kh = parseKnownHosts(line('*.prod.example,!bastion.prod.example', a));
    expect(verifyHostKey(kh, 'w1.prod.example', 22, a).status).toBe('trusted');
    expect(verifyHostKey(kh, 'bastion.prod.example', 22, a).status).toBe('unknown');
  });

  it('refuses @revoked keys for any host, and ignores @cert-authority with a note', () => {
    const kh = parseKnownHosts(
      [
        `@revoked * ${keyTypeOfBlob(b)} ${b.toString('base64')}`,
        `@cert-authority *.example ${keyTypeOfBlob(a)} ${a.toString('base64')}`,
        line('worker-1', b),
      ].join('\n'),
    );
    expect(verifyHostKey(kh, 'worker-1', 22, b).status).toBe('revoked');
    expect(verifyHostKey(kh, 'x.example', 22, a).status).toBe('unknown');
    expect(kh.notes.join('\n')).toMatch(/line 2: @cert-authority/);
  });

  it('skips bad lines with notes instead of failing', () => {
    const kh = parseKnownHosts(
      [
        '# comment',
        'garbage',
        'host ssh-ed25519 !!!notbase64',
        `host ssh-rsa ${a.toString('base64')}`,
        line('ok', a),
      ].join('\n'),
    );
    expect(verifyHostKey(kh, 'ok', 22, a).status).toBe('trusted');
    expect(kh.notes).toHaveLength(3);
    expect(kh.notes[2]).toMatch(/line 4: key data does not hold a ssh-rsa key/);
  });

  it('lists known key types so negotiation can prefer them', () => {
    const kh = parseKnownHosts([line('n', rsa), line('n', ec)].join('\n'));
    expect(knownKeyTypes(kh, 'n', 22)).toEqual(['ssh-rsa', 'ecdsa-sha2-nistp256']);
  });

  it('formats the line TOFU appends so it reads back as trusted', () => {
    const text = `${formatKnownHostsLine('10.0.0.5', 2022, ec)}\n${formatKnownHostsLine('w5', 22, a)}`;
    expect(text.split('\n')[0]).toMatch(/^\[10\.0\.0\.5\]:2022 ecdsa-sha2-nistp256 AAAA/);
    const kh = parseKnownHosts(text);
    expect(verifyHostKey(kh, '10.0.0.5', 2022, ec).status).toBe('trusted');
    expect(verifyHostKey(kh, 'w5', 22, a).status).toBe('trusted');
  });
});
