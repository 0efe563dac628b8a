import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A real OpenSSH server on a loopback port for tests: its own host key, config and authorized
 * keys in a temp dir, so nothing on the machine's own sshd or ~/.ssh is touched.
 */

const run = promisify(execFile);

export interface KeyPair {
  privateKeyFile: string;
  publicKeyFile: string;
  /** "ssh-ed25519 AAAA... comment" */
  publicKey: string;
}

export async function makeKeyPair(dir: string, name: string, passphrase = ''): Promise<KeyPair> {
  const privateKeyFile = join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', privateKeyFile]);
  const publicKey = (await readFile(`${privateKeyFile}.pub`, 'utf8')).trim();
  return { privateKeyFile, publicKeyFile: `${privateKeyFile}.pub`, publicKey };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface OpenSshServerOptions {
  maxSessions?: number;
  /** Executables put first on the sessions' PATH, e.g. a `ps` that hangs; name -> sh script body. */
  fakeTools?: Record<string, string>;
  /** Reuse a client key (e.g. the same one for a jump host); a fresh one otherwise. */
  clientKey?: KeyPair;
}

export interface OpenSshServer {
  host: string;
  port: number;
  user: string;
  dir: string;
  clientKey: KeyPair;
  hostKey: KeyPair;
  /** The host key's blob (what ssh2 hands the host verifier). */
  hostKeyBlob: Buffer;
  /** A known_hosts line for this server, like ssh-keyscan prints. */
  knownHostsLine: string;
  /** Kills the listener and every session process it started (connections drop at once). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Descendants by /proc ppid links: sshd puts each connection in its own session, out of our group. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // the process exited while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

function waitListening(proc: ChildProcess, port: number, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start on ${port}:\n${log()}`)), 10_000);
    const onData = () => {
      if (log().includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}:\n${log()}`));
    });
  });
}

export async function startOpenSsh(opts: OpenSshServerOptions = {}): Promise<OpenSshServer> {
  mkdirSync('/run/sshd', { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'nodescope-sshd-'));
  const hostKey = await makeKeyPair(dir, 'ssh_host_ed25519_key');
  const clientKey = opts.clientKey ?? (await makeKeyPair(dir, 'client_ed25519'));
  const authorizedKeys = join(dir, 'authorized_keys');
  await writeFile(authorizedKeys, `${clientKey.publicKey}\n`, { mode: 0o600 });
  const port = await freePort();
  const lines = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey.privateKeyFile}`,
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    `AuthorizedKeysFile ${authorizedKeys}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'AllowTcpForwarding yes',
    'LogLevel VERBOSE',
  ];
  if (opts.maxSessions !== undefined) lines.push(`MaxSessions ${opts.maxSessions}`);
  if (opts.fakeTools) {
    const bin = join(dir, 'fake-bin');
    mkdirSync(bin);
    for (const [name, body] of Object.entries(opts.fakeTools)) {
      await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
      await chmod(join(bin, name), 0o755);
    }
    lines.push(`SetEnv PATH=${bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`);
  }
  const config = join(dir, 'sshd_config');
  await writeFile(config, `${lines.join('\n')}\n`);

  const proc = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await waitListening(proc, port, () => log);

  const hostKeyBlob = Buffer.from(hostKey.publicKey.split(' ')[1] ?? '', 'base64');
  const pid = proc.pid as number;
  const kill = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    for (const p of [pid, ...descendants(pid)]) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await exited;
  };
  return {
    host: '127.0.0.1',
    port,
    user: userInfo().username,
    dir,
    clientKey,
    hostKey,
    hostKeyBlob,
    knownHostsLine: `[127.0.0.1]:${port} ${hostKey.publicKey.split(' ').slice(0, 2).join(' ')}`,
    kill,
    stop: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
