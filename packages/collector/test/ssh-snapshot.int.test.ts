import { existsSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROBE_IDS } from '@nodescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../src/snapshot/index.ts';
import { sha256Fingerprint } from '../src/ssh/index.ts';
import type { SshTarget } from '../src/ssh/index.ts';
import { freePort, makeKeyPair, type OpenSshServer, startOpenSsh } from './support/openssh-server.ts';

let sshd: OpenSshServer;
let dir: string;
let target: SshTarget;
let knownHostsFile: string;

beforeAll(async () => {
  sshd = await startOpenSsh();
  dir = await mkdtemp(join(tmpdir(), 'nodescope-kh-'));
  knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, `${sshd.knownHostsLine}\n`);
  target = {
    name: 'local',
    host: sshd.host,
    port: sshd.port,
    user: sshd.user,
    identityFile: sshd.clientKey.privateKeyFile,
  };
});

afterAll(async () => {
  await sshd?.stop();
  await rm(dir, { recursive: true, force: true });
});

// Probes that need a tool or service this machine may not have. Here: no systemd as PID 1, so
// `systemd` (busctl, systemctl) exits non-zero. `mountinfo-ns` may exit 1 when the last process
// it lists (its own `ls`) is gone before its mountinfo is read (a catalogue quirk). Everything
// else reads the real /proc and must pass.
const hasSystemd = existsSync('/run/systemd/system');
const mayFailHere = new Set(hasSystemd ? ['mountinfo-ns'] : ['systemd', 'mountinfo-ns']);

describe('takeSnapshot against a real OpenSSH server', () => {
  it('collects every catalogue probe of this machine over one connection', async () => {
    const result = await takeSnapshot(target, { knownHostsFile });
    expect(result.artifacts.map((a) => a.probe)).toEqual([...PROBE_IDS]);
    const failed = result.artifacts.filter((a) => a.exitCode !== 0 || a.timedOut || a.error);
    expect(failed.map((a) => a.probe).filter((p) => !mayFailHere.has(p))).toEqual([]);
    expect(result.status).toBe(failed.length === 0 ? 'complete' : 'partial');
    expect(result.hostKeyFingerprint).toBe(sha256Fingerprint(sshd.hostKeyBlob));
    const byId = new Map(result.artifacts.map((a) => [a.probe, a]));
    expect(byId.get('mountinfo')?.text).toBe(await readFile('/proc/1/mountinfo', 'utf8'));
    expect(byId.get('system')?.text).toMatch(/^hostname=.*\nkernel_release=/);
    expect(byId.get('processes')?.text.split('\n')[0]).toMatch(/PID\s+PPID\s+STAT/);
    expect(result.durationMs).toBeLessThan(15_000);
  });

  it('refuses an unknown host key, naming the fingerprint and how to trust it', async () => {
    const empty = join(dir, 'empty_known_hosts');
    const result = await takeSnapshot(target, { knownHostsFile: empty, probes: ['psi'] });
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('host-key-unknown');
    const fp = sha256Fingerprint(sshd.hostKeyBlob);
    expect(result.hostKeyFingerprint).toBe(fp);
    expect(result.error).toContain(fp);
    expect(result.error).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${empty}`);
    expect(existsSync(empty)).toBe(false);
  });

  it('with tofu appends the key, then trusts it on the next connection', async () => {
    const file = join(dir, 'tofu_known_hosts');
    const first = await takeSnapshot(target, { knownHostsFile: file, tofu: true, probes: ['psi'] });
    expect(first.status).toBe('complete');
    expect((await readFile(file, 'utf8')).trim()).toBe(sshd.knownHostsLine);
    const second = await takeSnapshot(target, { knownHostsFile: file, probes: ['psi'] });
    expect(second.status).toBe('complete');
  });

  it('refuses a changed host key even with tofu', async () => {
    const other = await makeKeyPair(dir, 'other_host_key');
    const file = join(dir, 'changed_known_hosts');
    const wrong = `[127.0.0.1]:${sshd.port} ${other.publicKey.split(' ').slice(0, 2).join(' ')}\n`;
    await writeFile(file, wrong);
    const result = await takeSnapshot(target, { knownHostsFile: file, tofu: true, probes: ['psi'] });
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('host-key-changed');
    expect(result.error).toContain('CHANGED');
    expect(result.error).toContain(sha256Fingerprint(sshd.hostKeyBlob));
    expect(result.error).toContain(
      sha256Fingerprint(Buffer.from(other.publicKey.split(' ')[1] ?? '', 'base64')),
    );
    expect(await readFile(file, 'utf8')).toBe(wrong);
  });

  it('reports a wrong client key as an authentication failure', async () => {
    const stranger = await makeKeyPair(dir, 'stranger');
    const result = await takeSnapshot(
      { ...target, identityFile: stranger.privateKeyFile },
      { knownHostsFile, probes: ['psi'] },
    );
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('auth');
    expect(result.error).toContain(`127.0.0.1:${sshd.port}`);
  });

  it('reports a closed port as refused', async () => {
    const port = await freePort();
    const result = await takeSnapshot({ ...target, port }, { knownHostsFile, probes: ['psi'] });
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('refused');
    expect(result.error).toContain(`127.0.0.1:${port}`);
  });

  it('reports a server that accepts but never speaks SSH as a timeout, within the limit', async () => {
    const held: Socket[] = [];
    const silent = createServer((sock) => held.push(sock));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const t0 = performance.now();
      const result = await takeSnapshot(
        { ...target, port },
        { knownHostsFile, probes: ['psi'], connectTimeoutMs: 700 },
      );
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(result.status).toBe('failed');
      expect(result.errorKind).toBe('timeout');
      expect(result.error).toContain(`127.0.0.1:${port} timed out after 700 ms`);
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  });
});
