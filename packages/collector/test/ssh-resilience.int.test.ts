import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROBE_IDS } from '@nodescope/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../src/snapshot/index.ts';
import { ChannelPool, connectSsh, runProbe, type SshTarget } from '../src/ssh/index.ts';
import { type OpenSshServer, type OpenSshServerOptions, startOpenSsh } from './support/openssh-server.ts';

/**
 * Nodes misbehave in ways a healthy test machine does not, so these tests put fake tools first
 * on the sessions' PATH: a `ps` that hangs like one stuck on a D-state /proc read, and a
 * `timeout` that ignores its limit like a node without coreutils' timeout working.
 */

const hangingPs = 'sleep 60';
const ignoringTimeout = 'shift 3; exec "$@"';
// See ssh-snapshot.int.test.ts for why these two may fail on this machine.
const mayFailHere = new Set(['systemd', 'mountinfo-ns']);

let dir: string;
const servers: OpenSshServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nodescope-resilience-'));
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
});

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function server(
  opts: OpenSshServerOptions,
): Promise<{ sshd: OpenSshServer; target: SshTarget; knownHostsFile: string }> {
  const sshd = await startOpenSsh(opts);
  servers.push(sshd);
  const knownHostsFile = join(dir, `known_hosts_${sshd.port}`);
  await writeFile(knownHostsFile, `${sshd.knownHostsLine}\n`);
  const target = {
    name: 'node',
    host: sshd.host,
    port: sshd.port,
    user: sshd.user,
    identityFile: sshd.clientKey.privateKeyFile,
  };
  return { sshd, target, knownHostsFile };
}

describe('a snapshot when the node misbehaves', () => {
  it('a probe that hangs is killed on the node and marked timed out; the others complete', async () => {
    const { target, knownHostsFile } = await server({ fakeTools: { ps: hangingPs } });
    const result = await takeSnapshot(target, { knownHostsFile, probes: ['processes', 'psi', 'mountinfo'] });
    expect(result.status).toBe('partial');
    const [processes, psi, mountinfo] = result.artifacts;
    expect(processes).toMatchObject({ probe: 'processes', timedOut: true });
    // 137 when a shell reports the kill, null (exit-signal KILL) when the login shell exec'd timeout.
    expect([137, null]).toContain(processes?.exitCode);
    expect(processes?.error).toContain('killed on the node after 10 s');
    expect(psi).toMatchObject({ exitCode: 0, timedOut: false });
    expect(mountinfo).toMatchObject({ exitCode: 0, timedOut: false });
    expect(psi?.durationMs).toBeLessThan(5000);
    expect(result.durationMs).toBeGreaterThanOrEqual(9_500);
    expect(result.durationMs).toBeLessThan(12_000);
    expect(result.error).toContain('processes (timed out)');
  });

  it('the client gives up at timeout + 2 s when the node-side timeout does not work', async () => {
    const { target, knownHostsFile } = await server({
      fakeTools: { ps: hangingPs, timeout: ignoringTimeout },
    });
    const result = await takeSnapshot(target, { knownHostsFile, probes: ['processes', 'psi'] });
    expect(result.status).toBe('partial');
    const [processes, psi] = result.artifacts;
    expect(processes).toMatchObject({ timedOut: true, exitCode: null });
    expect(processes?.error).toContain('client side');
    expect(processes?.durationMs).toBeGreaterThanOrEqual(12_000);
    expect(processes?.durationMs).toBeLessThan(14_000);
    expect(psi).toMatchObject({ exitCode: 0, timedOut: false });
  });

  it('every probe trickling output past its timeout: the snapshot still ends at its one deadline', async () => {
    // ps prints a line a second forever and the node's timeout does nothing: without the
    // snapshot deadline, one channel would spend 12 s on each of the three probes in turn.
    const { target, knownHostsFile } = await server({
      fakeTools: { ps: 'while :; do echo trickle; sleep 1; done', timeout: ignoringTimeout },
    });
    const result = await takeSnapshot(target, {
      knownHostsFile,
      probes: ['processes', 'psi', 'mountinfo'],
      maxChannels: 1,
      deadlineMs: 4_000,
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(3_900);
    expect(result.durationMs).toBeLessThan(7_000);
    expect(result.status).toBe('partial');
    const [processes, psi, mountinfo] = result.artifacts;
    expect(processes).toMatchObject({ probe: 'processes', timedOut: true });
    expect(processes?.error).toContain("snapshot's 4 s deadline");
    // What it printed before the deadline is kept.
    expect(processes?.text).toContain('trickle');
    for (const a of [psi, mountinfo]) {
      expect(a?.timedOut).toBe(true);
      expect(a?.error).toMatch(/^not run: .*deadline/);
    }
  });

  it('sshd killed mid-snapshot: finished probes are kept, the running one carries the error', async () => {
    // This `ps` leaves a marker when it starts, so the kill lands while it is surely running.
    const markedPs = 'touch "$(dirname "$0")/ps-started"; sleep 60';
    const { sshd, target, knownHostsFile } = await server({ fakeTools: { ps: markedPs } });
    const pending = takeSnapshot(target, { knownHostsFile, probes: ['processes', 'psi', 'mountinfo'] });
    const marker = join(sshd.dir, 'fake-bin', 'ps-started');
    for (let i = 0; i < 200 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(marker)).toBe(true);
    // psi and mountinfo are single `cat`s started together with ps: give them ample time to end.
    await new Promise((r) => setTimeout(r, 1000));
    const killedAt = performance.now();
    await sshd.kill();
    const result = await pending;
    expect(performance.now() - killedAt).toBeLessThan(3000);
    expect(result.status).toBe('partial');
    const byId = new Map(result.artifacts.map((a) => [a.probe, a]));
    for (const id of ['psi', 'mountinfo'] as const) expect(byId.get(id)?.exitCode).toBe(0);
    expect(byId.get('processes')?.exitCode).toBeNull();
    expect(byId.get('processes')?.error).toMatch(/connection lost/);
    expect(result.error).toMatch(/connection lost/);
  });

  it('MaxSessions 2 on the server: every probe still runs through the channel pool', async () => {
    const { target, knownHostsFile } = await server({ maxSessions: 2 });
    const result = await takeSnapshot(target, { knownHostsFile, maxChannels: 6 });
    expect(result.artifacts).toHaveLength(PROBE_IDS.length);
    const transport = result.artifacts.filter((a) => a.error !== undefined && !mayFailHere.has(a.probe));
    expect(transport).toEqual([]);
    const failed = result.artifacts.filter((a) => a.exitCode !== 0).map((a) => a.probe);
    expect(failed.filter((p) => !mayFailHere.has(p))).toEqual([]);
  });

  it('MaxSessions 2: the pool learns the server limit from refused channel opens', async () => {
    const { target, knownHostsFile } = await server({ maxSessions: 2 });
    const conn = await connectSsh(target, { knownHostsFile });
    try {
      const pool = new ChannelPool(conn.client, { maxChannels: 6 });
      const artifacts = await Promise.all(PROBE_IDS.map((id) => runProbe(pool, id)));
      expect(pool.stats.limit).toBe(2);
      expect(artifacts.filter((a) => a.error !== undefined && !mayFailHere.has(a.probe))).toEqual([]);
    } finally {
      conn.close();
    }
  });
});
