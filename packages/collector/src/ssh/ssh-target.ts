/** Where and as whom to connect. Jump hosts are connected in order, each through the previous one. */
export interface SshTarget {
  /** The node's name in Nodescope (inventory name), used in messages and results. */
  name: string;
  host: string;
  port: number;
  user: string;
  /** Private key file; read when connecting, never logged. */
  identityFile?: string;
  /** Private key content (an uploaded key, decrypted for this connection); wins over identityFile. */
  privateKey?: Buffer;
  passphrase?: string;
  /** ssh-agent socket path; defaults to SSH_AUTH_SOCK when no identity file is given. */
  agent?: string;
  jump?: SshTarget[];
}

/** `[user@]host[:port]` or `[user@][ipv6]:port`, as typed on the command line or in ProxyJump. */
export function parseUserHostPort(
  spec: string,
  defaults: { user: string; port?: number },
): { user: string; host: string; port: number } | undefined {
  let rest = spec.trim().replace(/^ssh:\/\//, '');
  let user = defaults.user;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let host = rest;
  let port = defaults.port ?? 22;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (v6) {
    host = v6[1] ?? '';
    if (v6[2]) port = Number(v6[2]);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon >= 0 && rest.indexOf(':') === colon) {
      host = rest.slice(0, colon);
      port = Number(rest.slice(colon + 1));
    }
  }
  if (host === '' || user === '' || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { user, host, port };
}
