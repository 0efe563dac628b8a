import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../src/snapshot/index.ts';
import { AuthFailedError, connectSsh, sha256Fingerprint, type SshTarget } from '../src/ssh/index.ts';
import { freePort, makeKeyPair, type OpenSshServer, startOpenSsh } from './support/openssh-server.ts';

const run = promisify(execFile);

let dir: string;
let jumpHost: OpenSshServer;
let node: OpenSshServer;
let knownHostsFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nodescope-jump-'));
  jumpHost = await startOpenSsh();
  node = await startOpenSsh({ clientKey: jumpHost.clientKey });
  knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, `${jumpHost.knownHostsLine}\n${node.knownHostsLine}\n`);
});

afterAll(async () => {
  await node?.stop();
  await jumpHost?.stop();
  await rm(dir, { recursive: true, force: true });
});

const targetOf = (s: OpenSshServer, extra: Partial<SshTarget> = {}): SshTarget => ({
  name: `n${s.port}`,
  host: s.host,
  port: s.port,
  user: s.user,
  identityFile: s.clientKey.privateKeyFile,
  ...extra,
});

describe('jump hosts', () => {
  it('collects through a jump host (ProxyJump) with both host keys verified', async () => {
    const result = await takeSnapshot(targetOf(node, { jump: [targetOf(jumpHost)] }), {
      knownHostsFile,
      probes: ['psi', 'mountinfo'],
    });
    expect(result.status).toBe('complete');
    expect(result.hostKeyFingerprint).toBe(sha256Fingerprint(node.hostKeyBlob));
    expect(result.artifacts[1]?.text).toBe(await readFile('/proc/1/mountinfo', 'utf8'));
  });

  it('goes through two hops (jump host used twice, then the node)', async () => {
    const result = await takeSnapshot(targetOf(node, { jump: [targetOf(jumpHost), targetOf(jumpHost)] }), {
      knownHostsFile,
      probes: ['psi'],
    });
    expect(result.status).toBe('complete');
  });

  it('refuses when the jump host key is unknown, naming the jump host', async () => {
    const only = join(dir, 'only_node');
    await writeFile(only, `${node.knownHostsLine}\n`);
    const result = await takeSnapshot(targetOf(node, { jump: [targetOf(jumpHost)] }), {
      knownHostsFile: only,
    });
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('host-key-unknown');
    expect(result.error).toContain(`127.0.0.1:${jumpHost.port}`);
    expect(result.hostKeyFingerprint).toBe(sha256Fingerprint(jumpHost.hostKeyBlob));
  });

  it('reports a node the jump host cannot reach as refused', async () => {
    const closed = await freePort();
    const result = await takeSnapshot(targetOf(node, { port: closed, jump: [targetOf(jumpHost)] }), {
      knownHostsFile,
    });
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('refused');
    expect(result.error).toContain(`127.0.0.1:${closed}`);
    expect(result.error).toContain(`jump host 127.0.0.1:${jumpHost.port}`);
  });
});

describe('known_hosts and credentials', () => {
  it('accepts hashed known_hosts entries written by ssh-keygen -H', async () => {
    const hashed = join(dir, 'hashed_known_hosts');
    await writeFile(hashed, `${node.knownHostsLine}\n`);
    await run('ssh-keygen', ['-q', '-H', '-f', hashed]);
    const text = await readFile(hashed, 'utf8');
    expect(text).toMatch(/^\|1\|/);
    expect(text).not.toContain('127.0.0.1');
    const result = await takeSnapshot(targetOf(node), { knownHostsFile: hashed, probes: ['psi'] });
    expect(result.status).toBe('complete');
  });

  it('uses a passphrase-protected key, and says which file when the passphrase is missing', async () => {
    const locked = await makeKeyPair(dir, 'locked', 'correct horse');
    const server = await startOpenSsh({ clientKey: locked });
    try {
      const file = join(dir, 'locked_known_hosts');
      await writeFile(file, `${server.knownHostsLine}\n`);
      const ok = await takeSnapshot(targetOf(server, { passphrase: 'correct horse' }), {
        knownHostsFile: file,
        probes: ['psi'],
      });
      expect(ok.status).toBe('complete');
      const err = await connectSsh(targetOf(server), { knownHostsFile: file }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthFailedError);
      expect((err as Error).message).toContain(locked.privateKeyFile);
    } finally {
      await server.stop();
    }
  });

  it('authenticates with ssh-agent when no identity file is given', async () => {
    const sock = join(dir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 50));
      await run('ssh-add', ['-q', node.clientKey.privateKeyFile], {
        env: { ...process.env, SSH_AUTH_SOCK: sock },
      });
      const { identityFile: _, ...noKey } = targetOf(node);
      const result = await takeSnapshot({ ...noKey, agent: sock }, { knownHostsFile, probes: ['psi'] });
      expect(result.status).toBe('complete');
    } finally {
      agent.kill();
    }
  });
});
