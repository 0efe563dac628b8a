/**
 * Typed SSH failures. Each carries the endpoint so a message read at 3 a.m. says which node
 * and what to do, and `kind` maps it onto SnapshotResult.errorKind without string matching.
 */

export type SshErrorKind =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'host-key-revoked'
  | 'auth'
  | 'refused'
  | 'timeout'
  | 'other';

export abstract class SshError extends Error {
  abstract readonly kind: SshErrorKind;
  constructor(
    message: string,
    readonly host: string,
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function endpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export class HostKeyUnknownError extends SshError {
  readonly kind = 'host-key-unknown';
  constructor(
    host: string,
    port: number,
    readonly fingerprint: string,
    readonly keyType: string,
    readonly knownHostsFile: string,
  ) {
    super(
      `host key for ${endpoint(host, port)} is not in ${knownHostsFile} (${keyType} ${fingerprint}). ` +
        `Refusing to connect. Verify the fingerprint out of band (e.g. on the node's console: ` +
        `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then ` +
        (knownHostsFile.startsWith("the server's")
          ? 'an admin trusts it (trust-on-first-use for this node, or the host-key trust decision in the inventory).'
          : `trust it with: ssh-keyscan -p ${port} ${host} >> ${knownHostsFile}`),
      host,
      port,
    );
  }
}

/** What to do about a changed key, for where the trust came from: the server's store or a file. */
function changedKeyRemedy(host: string, port: number, trustSource: string): string {
  const verify =
    'If the change is legitimate, check the new fingerprint on the node itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)';
  if (trustSource.startsWith("the server's"))
    return `${verify}, then an admin trusts the key the node offered on its page in Nodescope ("Review and trust the new key", or hostKeys.trustOffered); the old key stays refused until then.`;
  return `${verify}, then remove the old entry with ssh-keygen -R ${knownHostsName(host, port)} -f ${trustSource} and add the verified new key.`;
}

export class HostKeyChangedError extends SshError {
  readonly kind = 'host-key-changed';
  constructor(
    host: string,
    port: number,
    readonly fingerprint: string,
    readonly expectedFingerprints: string[],
    readonly knownHostsFile: string,
    /** The key the node offered, so an admin can review and trust it without reconnecting. */
    readonly keyBlob?: Buffer,
  ) {
    super(
      `SECURITY: host key for ${endpoint(host, port)} has CHANGED: the server offered ${fingerprint}, ` +
        `${knownHostsFile} expects ${expectedFingerprints.join(' or ')}. Someone may be intercepting ` +
        `the connection, or the node was reinstalled. Refusing to connect (trust-on-first-use never ` +
        `overrides a changed key). ${changedKeyRemedy(host, port, knownHostsFile)}`,
      host,
      port,
    );
  }
}

export class HostKeyRevokedError extends SshError {
  readonly kind = 'host-key-revoked';
  constructor(
    host: string,
    port: number,
    readonly fingerprint: string,
    readonly knownHostsFile: string,
  ) {
    super(
      `SECURITY: host key ${fingerprint} offered by ${endpoint(host, port)} is marked @revoked in ` +
        `${knownHostsFile}. Refusing to connect.`,
      host,
      port,
    );
  }
}

export class AuthFailedError extends SshError {
  readonly kind = 'auth';
  constructor(host: string, port: number, user: string, detail: string, options?: { cause?: unknown }) {
    super(`authentication as ${user} to ${endpoint(host, port)} failed: ${detail}`, host, port, options);
  }
}

export class ConnectRefusedError extends SshError {
  readonly kind = 'refused';
  constructor(host: string, port: number, detail: string, options?: { cause?: unknown }) {
    super(`connection to ${endpoint(host, port)} refused or unreachable: ${detail}`, host, port, options);
  }
}

export class ConnectTimeoutError extends SshError {
  readonly kind = 'timeout';
  constructor(host: string, port: number, timeoutMs: number, stage: string) {
    super(`connection to ${endpoint(host, port)} timed out after ${timeoutMs} ms (${stage})`, host, port);
  }
}

/** Anything else that stopped the connection: protocol errors, a jump hop refusing to forward. */
export class SshConnectError extends SshError {
  readonly kind = 'other';
}

/** The name OpenSSH writes into known_hosts for an endpoint: bare host on port 22, else [host]:port. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}
