import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeCommand } from '@nodescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProbeOutput } from '../generate/generate.ts';
import { HUGE_OUTPUT_BYTES } from '../model/fault.ts';
import { resolveNode, type SimNodeSpec } from '../model/sim-node-spec.ts';
import { sshExec } from '../test-support/ssh-exec.ts';
import type { InventoryEntry } from './inventory.ts';
import { type Fleet, startFleet } from './start-fleet.ts';

const AT = new Date('2026-11-22T10:00:00Z');
const SPECS: SimNodeSpec[] = [
  { name: 'ok', scenario: 'healthy' },
  { name: 'refused', scenario: 'healthy', faults: ['refuse-connection'] },
  { name: 'auth', scenario: 'healthy', faults: ['auth-reject'] },
  { name: 'wrong-key', scenario: 'healthy', faults: ['wrong-host-key'] },
  { name: 'changed-key', scenario: 'healthy', faults: ['changed-host-key'] },
  { name: 'slow', scenario: 'healthy', faults: ['slow-handshake:400'] },
  { name: 'hang', scenario: 'healthy', faults: ['hang-probe:psi'] },
  { name: 'drop', scenario: 'healthy', faults: ['drop-mid-output:processes:1000'] },
  { name: 'garbage', scenario: 'healthy', faults: ['garbage-output:dmesg'] },
  { name: 'huge', scenario: 'healthy', faults: ['huge-output:kubelet-log'] },
  { name: 'systemd', scenario: 'systemd-hang' },
];

let dir: string;
let fleet: Fleet;
const entry = (name: string) => fleet.inventory.find((e) => e.name === name) as InventoryEntry;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nodescope-sim-'));
  fleet = await startFleet({ nodes: SPECS, stateDir: dir, clock: () => AT, hangTimeFactor: 0.05 });
});

afterAll(async () => {
  await fleet?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('simulated fleet over real SSH', () => {
  it('writes an inventory, a 0600 identity and bracketed known_hosts lines', () => {
    expect(fleet.inventory).toHaveLength(SPECS.length);
    expect(entry('ok')).toMatchObject({
      host: '127.0.0.1',
      user: 'nodescope',
      labels: { scenario: 'healthy' },
    });
    expect(statSync(fleet.identityFile).mode & 0o777).toBe(0o600);
    const lines = readFileSync(fleet.knownHostsFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(SPECS.length);
    for (const l of lines)
      expect(l).toMatch(/^\[127\.0\.0\.1\]:\d+ ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+$/);
  });

  it.each(['system', 'processes', 'mountinfo', 'cgroups', 'containers'] as const)(
    'answers %s exactly as the generator does',
    async (probe) => {
      const r = await sshExec(entry('ok'), probeCommand(probe));
      expect(r.code).toBe(0);
      const expected = generateProbeOutput(resolveNode(SPECS[0] as SimNodeSpec), probe, AT).stdout;
      expect(r.stdout.toString()).toBe(expected);
    },
  );

  it('refuses commands outside the catalogue with 127', async () => {
    const r = await sshExec(entry('ok'), 'cat /etc/shadow');
    expect(r.code).toBe(127);
    expect(r.stderr).toBe('nodescope-sim: command not allowed\n');
    expect(r.stdout.length).toBe(0);
  });

  it('refuse-connection: the port is closed', async () => {
    await expect(sshExec(entry('refused'), probeCommand('system'))).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('auth-reject: authentication fails', async () => {
    await expect(sshExec(entry('auth'), probeCommand('system'))).rejects.toMatchObject({
      level: 'client-authentication',
    });
  });

  it.each(['wrong-key', 'changed-key'])('%s: the host key does not match known_hosts', async (name) => {
    await expect(sshExec(entry(name), probeCommand('system'))).rejects.toThrow(/verification failed/i);
  });

  it('slow-handshake: the session is ready only after the delay', async () => {
    const r = await sshExec(entry('slow'), probeCommand('psi'));
    expect(r.code).toBe(0);
    expect(r.handshakeMs).toBeGreaterThanOrEqual(390);
  });

  it('hang-probe: the probe never answers', async () => {
    const r = await sshExec(entry('hang'), probeCommand('psi'), { giveUpMs: 700 });
    expect(r.code).toBeNull();
    expect(r.stdout.length).toBe(0);
    const other = await sshExec(entry('hang'), probeCommand('system'));
    expect(other.code).toBe(0);
  });

  it('drop-mid-output: the connection dies after N bytes', async () => {
    const r = await sshExec(entry('drop'), probeCommand('processes'));
    expect(r.dropped).toBe(true);
    expect(r.code).toBeNull();
    expect(r.stdout.length).toBe(1000);
  });

  it('garbage-output: bytes that are not UTF-8', async () => {
    const r = await sshExec(entry('garbage'), probeCommand('dmesg'));
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1000);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(r.stdout)).toThrow();
  });

  it('huge-output: 100 MiB streamed in full', { timeout: 60_000 }, async () => {
    const r = await sshExec(entry('huge'), probeCommand('kubelet-log'), { giveUpMs: 55_000 });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(HUGE_OUTPUT_BYTES);
  });

  it('systemd-hang: silence until the timeout, then killed by SIGKILL', async () => {
    const r = await sshExec(entry('systemd'), probeCommand('systemd'));
    expect(r.stdout.length).toBe(0);
    expect(r.code).toBeNull();
    expect(r.signal).toBe('SIGKILL');
  });

  it('refuses a shell', async () => {
    const { Client } = await import('ssh2');
    const e = entry('ok');
    const c = new Client();
    const err = await new Promise<Error | undefined>((resolve) => {
      c.on('ready', () => c.shell((e2) => resolve(e2 ?? undefined)));
      c.on('error', resolve);
      c.connect({
        host: e.host,
        port: e.port,
        username: e.user,
        privateKey: readFileSync(e.identityFile),
        hostVerifier: () => true,
      });
    });
    c.end();
    expect(err).toBeInstanceOf(Error);
  });

  it('reuses host keys on the next start', async () => {
    const before = readFileSync(fleet.knownHostsFile, 'utf8')
      .split('\n')
      .map((l) => l.split(' ').slice(1).join(' '));
    const again = await startFleet({ nodes: SPECS, stateDir: dir, clock: () => AT });
    try {
      const after = readFileSync(again.knownHostsFile, 'utf8')
        .split('\n')
        .map((l) => l.split(' ').slice(1).join(' '));
      expect(after).toEqual(before);
    } finally {
      await again.stop();
    }
  });
});
