import { readFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ConnectConfig } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader cannot see `utils` as a named export, so take both from
// the default export (a named import works under Vitest and breaks under plain node/tsx).
const { Client: SshClient, utils } = ssh2;
import {
  AuthFailedError,
  ConnectRefusedError,
  ConnectTimeoutError,
  SshConnectError,
  SshError,
} from './errors.ts';
import { hostKeyAlgorithmsFor } from './fingerprint.ts';
import { checkHostKey, type HostKeyPolicy, loadTrusted } from './known-hosts-file.ts';
import { knownKeyTypes } from './known-hosts.ts';
import type { SshTarget } from './ssh-target.ts';

export interface ConnectOptions extends HostKeyPolicy {
  /** Per hop: TCP connect + key exchange + authentication. Default 10 s. */
  connectTimeoutMs?: number;
  /** SSH keepalives so a node that vanishes is noticed within ~3 intervals. Default 5 s. */
  keepaliveIntervalMs?: number;
}

export interface SshConnection {
  client: Client;
  target: SshTarget;
  /** SHA256 fingerprint of the target's host key (the last hop). */
  hostKeyFingerprint: string;
  /** Resolves with the reason once the connection (or any jump hop under it) is gone. */
  closed: Promise<Error>;
  isClosed(): boolean;
  close(): void;
}

const DEFAULT_HOST_KEY_ORDER = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Like OpenSSH: ask first for the key types we already know, so a multi-key server is not "changed". */
function hostKeyOrder(knownTypes: string[]): ConnectConfig['algorithms'] {
  const preferred = knownTypes
    .flatMap(hostKeyAlgorithmsFor)
    .filter((a) => DEFAULT_HOST_KEY_ORDER.includes(a));
  const order = [...new Set([...preferred, ...DEFAULT_HOST_KEY_ORDER])];
  return { serverHostKey: order as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] };
}

async function authConfig(t: SshTarget): Promise<Pick<ConnectConfig, 'privateKey' | 'passphrase' | 'agent'>> {
  const cfg: Pick<ConnectConfig, 'privateKey' | 'passphrase' | 'agent'> = {};
  if (t.privateKey) {
    // A key uploaded to the server (decrypted for this connection only): never named in messages.
    const parsed = utils.parseKey(t.privateKey, t.passphrase);
    if (parsed instanceof Error)
      throw new AuthFailedError(t.host, t.port, t.user, `the stored key cannot be used: ${parsed.message}`);
    cfg.privateKey = t.privateKey;
    if (t.passphrase !== undefined) cfg.passphrase = t.passphrase;
  } else if (t.identityFile) {
    let data: Buffer;
    try {
      data = await readFile(t.identityFile);
    } catch (err) {
      throw new AuthFailedError(
        t.host,
        t.port,
        t.user,
        `cannot read identity file ${t.identityFile}: ${(err as Error).message}`,
      );
    }
    const parsed = utils.parseKey(data, t.passphrase);
    if (parsed instanceof Error) {
      throw new AuthFailedError(
        t.host,
        t.port,
        t.user,
        `cannot use identity file ${t.identityFile}: ${parsed.message}`,
      );
    }
    cfg.privateKey = data;
    if (t.passphrase !== undefined) cfg.passphrase = t.passphrase;
  }
  const agent = t.agent ?? (t.identityFile || t.privateKey ? undefined : process.env.SSH_AUTH_SOCK);
  if (agent) cfg.agent = agent;
  if (!cfg.privateKey && !cfg.agent) {
    throw new AuthFailedError(
      t.host,
      t.port,
      t.user,
      'no identity file given and no ssh-agent (SSH_AUTH_SOCK is not set)',
    );
  }
  return cfg;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

/** Our own socket so TCP_NODELAY is on: without it every SSH round trip waits ~40-100 ms on Nagle. */
function openTcp(t: SshTarget, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = new Socket();
    sock.setNoDelay(true);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new ConnectTimeoutError(t.host, t.port, timeoutMs, 'TCP connect'));
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.removeAllListeners('error');
      resolve(sock);
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      sock.destroy();
      if (err.code && UNREACHABLE.has(err.code))
        reject(new ConnectRefusedError(t.host, t.port, err.code, { cause: err }));
      else
        reject(
          new SshConnectError(`connection to ${t.host}:${t.port} failed: ${err.message}`, t.host, t.port),
        );
    });
    sock.connect({ host: t.host, port: t.port });
  });
}

/** A direct-tcpip channel from the previous hop: the next hop's SSH runs inside it. */
function forwardThrough(via: Client, viaName: string, t: SshTarget, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new ConnectTimeoutError(t.host, t.port, timeoutMs, `forwarding through jump host ${viaName}`));
    }, timeoutMs);
    via.forwardOut('127.0.0.1', 0, t.host, t.port, (err, stream) => {
      clearTimeout(timer);
      if (!err) return resolve(stream);
      const detail = `jump host ${viaName} could not reach it: ${err.message}`;
      // RFC 4254 reason 2 = connect failed: the jump host got a refusal or no route.
      if ((err as Error & { reason?: number }).reason === 2)
        reject(new ConnectRefusedError(t.host, t.port, detail));
      else reject(new SshConnectError(`connection to ${t.host}:${t.port} failed: ${detail}`, t.host, t.port));
    });
  });
}

function classify(t: SshTarget, err: Error & { level?: string }, timeoutMs: number): SshError {
  if (err instanceof SshError) return err;
  if (err.level === 'client-authentication') {
    return new AuthFailedError(t.host, t.port, t.user, 'the server accepted none of the offered keys', {
      cause: err,
    });
  }
  if (err.level === 'agent')
    return new AuthFailedError(t.host, t.port, t.user, `ssh-agent: ${err.message}`, { cause: err });
  if (err.level === 'client-timeout')
    return new ConnectTimeoutError(t.host, t.port, timeoutMs, 'SSH handshake and authentication');
  return new SshConnectError(`SSH to ${t.host}:${t.port} failed: ${err.message}`, t.host, t.port, {
    cause: err,
  });
}

async function connectHop(
  t: SshTarget,
  opts: ConnectOptions,
  via?: { client: Client; name: string },
): Promise<{ client: Client; fingerprint: string; lastError: () => Error | undefined }> {
  const timeoutMs = opts.connectTimeoutMs ?? 10_000;
  const auth = await authConfig(t);
  const known = knownKeyTypes(await loadTrusted(opts, t.host, t.port), t.host, t.port);
  const sock = via ? await forwardThrough(via.client, via.name, t, timeoutMs) : await openTcp(t, timeoutMs);

  return new Promise((resolve, reject) => {
    const client = new SshClient();
    let hostKeyError: Error | undefined;
    let lastError: Error | undefined;
    let fingerprint = '';
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      client.end();
      sock.destroy();
      reject(err);
    };
    // Always listening: an 'error' without a listener would crash the whole collector process.
    client.on('error', (err) => {
      lastError = err;
      fail(hostKeyError ?? classify(t, err, timeoutMs));
    });
    client.once('close', () =>
      fail(
        hostKeyError ??
          new SshConnectError(
            `${t.host}:${t.port} closed the connection during the handshake`,
            t.host,
            t.port,
          ),
      ),
    );
    client.once('ready', () => {
      settled = true;
      resolve({ client, fingerprint, lastError: () => lastError });
    });
    try {
      client.connect({
        sock,
        username: t.user,
        ...auth,
        readyTimeout: timeoutMs,
        keepaliveInterval: opts.keepaliveIntervalMs ?? 5000,
        keepaliveCountMax: 3,
        algorithms: hostKeyOrder(known),
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          checkHostKey(opts, t.host, t.port, key).then(
            (r) => {
              fingerprint = r.fingerprint;
              verify(true);
            },
            (err: Error) => {
              hostKeyError = err;
              verify(false);
            },
          );
        },
      });
    } catch (err) {
      fail(classify(t, err as Error, timeoutMs));
    }
  });
}

/**
 * Opens one SSH connection to the target, through its jump hosts in order. Every hop's host key
 * is checked against the same known_hosts file. Rejects only with SshError subclasses.
 */
export async function connectSsh(target: SshTarget, opts: ConnectOptions): Promise<SshConnection> {
  const hops = [...(target.jump ?? []), target];
  const clients: Client[] = [];
  let last: Awaited<ReturnType<typeof connectHop>> | undefined;
  try {
    for (let i = 0; i < hops.length; i++) {
      const hop = hops[i] as SshTarget;
      const prev = i > 0 ? (hops[i - 1] as SshTarget) : undefined;
      last = await connectHop(
        hop,
        opts,
        last && prev ? { client: last.client, name: `${prev.host}:${prev.port}` } : undefined,
      );
      clients.push(last.client);
    }
  } catch (err) {
    for (const c of clients.reverse()) c.end();
    throw err instanceof SshError ? err : classify(target, err as Error, opts.connectTimeoutMs ?? 10_000);
  }
  const final = last as NonNullable<typeof last>;
  let isClosed = false;
  const closeAll = () => {
    for (const c of [...clients].reverse()) c.end();
  };
  const closed = new Promise<Error>((resolve) => {
    const onGone = () => {
      if (isClosed) return;
      isClosed = true;
      closeAll();
      const why = final.lastError();
      resolve(
        new SshConnectError(
          `connection to ${target.host}:${target.port} lost${why ? `: ${why.message}` : ''}`,
          target.host,
          target.port,
        ),
      );
    };
    for (const c of clients) c.once('close', onGone);
  });
  return {
    client: final.client,
    target,
    hostKeyFingerprint: final.fingerprint,
    closed,
    isClosed: () => isClosed,
    close: closeAll,
  };
}
