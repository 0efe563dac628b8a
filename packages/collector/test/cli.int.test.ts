import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBundle } from '@nodescope/core';
import { startFleet } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test/test-database.ts';
import { runCaptured } from '../src/cli/run-captured.ts';

let db: TestDatabase;
let fleet: Awaited<ReturnType<typeof startFleet>>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-cli-int-'));

const cli = (...argv: string[]) => runCaptured(argv);

beforeAll(async () => {
  db = await createTestDatabase('cli');
  process.env.DATABASE_URL = db.url;
  process.env.NODESCOPE_SSH_CONFIG = path.join(dir, 'no-ssh-config');
  fleet = await startFleet({
    stateDir: path.join(dir, 'fleet'),
    nodes: [
      { name: 'cli-ok', scenario: 'xfs-io-errors', scale: 0.2 },
      { name: 'cli-spoof', scenario: 'healthy', faults: ['wrong-host-key'] },
      { name: 'cli-noauth', scenario: 'healthy', faults: ['auth-reject'] },
    ],
  });
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await db?.drop();
  delete process.env.DATABASE_URL;
  rmSync(dir, { recursive: true, force: true });
});

const entry = (name: string) => fleet.inventory.find((e) => e.name === name)!;
const collectArgs = (name: string) => {
  const e = entry(name);
  return [
    `${e.user}@${e.host}:${e.port}`,
    '--identity',
    e.identityFile,
    '--known-hosts',
    e.knownHostsFile,
    '--name',
    name,
  ];
};

describe('nodescope collect (real SSH to simulated nodes)', () => {
  it('--bundle prints a bundle with every probe of the catalogue', async () => {
    const r = await cli('collect', ...collectArgs('cli-ok'), '--bundle');
    expect(r.code).toBe(0);
    const bundle = parseBundle(r.stdout).value!;
    expect(bundle.node.name).toBe('cli-ok');
    expect(bundle.artifacts).toHaveLength(13);
    expect(bundle.artifacts.find((a) => a.probe === 'dmesg')?.text).toMatch(/XFS \(vdb\)/);
  });

  it('stores the snapshot with its findings when --bundle is not given', async () => {
    const r = await cli('collect', ...collectArgs('cli-ok'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stored snapshot \d+ of cli-ok/);
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'cli-ok' } });
    const rules = (node.latestFindings as { rule: string }[]).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['filesystem-shutdown', 'disk-io-errors']));
  });

  it('exits 3 with the fingerprint on a refused host key, 4 on failed authentication', async () => {
    const spoof = await cli('collect', ...collectArgs('cli-spoof'), '--bundle');
    expect(spoof.code).toBe(3);
    expect(spoof.stderr).toMatch(/SHA256:[A-Za-z0-9+/]{43}/);
    expect(spoof.stdout).toBe('');
    const noauth = await cli('collect', ...collectArgs('cli-noauth'), '--bundle');
    expect(noauth.code).toBe(4);
    expect(noauth.stderr).toMatch(/auth/i);
  });
});

describe('nodescope nodes (real PostgreSQL)', () => {
  it('adds, labels, disables and lists nodes', async () => {
    expect(
      (
        await cli(
          'nodes',
          'add',
          'n-1',
          'admin@10.0.0.1:2222',
          '--label',
          'cluster=prod,pool=gpu',
          '--jump',
          'bastion:22',
        )
      ).code,
    ).toBe(0);
    expect((await cli('nodes', 'label', 'n-1', 'zone=a', 'pool-')).code).toBe(0);
    expect((await cli('nodes', 'disable', 'n-1')).code).toBe(0);
    const n = await db.prisma.node.findUniqueOrThrow({ where: { name: 'n-1' } });
    expect(n).toMatchObject({
      host: '10.0.0.1',
      port: 2222,
      user: 'admin',
      proxyJump: 'bastion:22',
      enabled: false,
      cluster: 'prod',
      pool: 'default',
    });
    expect(n.labels).toEqual({ cluster: 'prod', zone: 'a' });
    const list = await cli('nodes', 'list');
    expect(list.stdout).toMatch(/n-1 +admin@10\.0\.0\.1:2222 via bastion:22 +\[disabled\]/);
  });

  it('refuses oversized labels with exit 2 and the limit, and changes nothing', async () => {
    expect((await cli('nodes', 'add', 'big-1', 'root@10.0.0.8', '--label', 'pool=web')).code).toBe(0);
    const label = await cli('nodes', 'label', 'big-1', `pool=${'x'.repeat(300)}`);
    expect(label.code).toBe(2);
    expect(label.stderr).toMatch(/a label value has at most 256 characters \(pool has 300\)/);
    expect(label.stderr).not.toMatch(/\n\s+at /);
    const add = await cli('nodes', 'add', 'big-2', 'root@10.0.0.9', '--label', `${'k'.repeat(400)}=v`);
    expect(add.code).toBe(2);
    expect(add.stderr).toMatch(/big-2: a label key has at most 317 characters/);
    expect(await db.prisma.node.findUnique({ where: { name: 'big-2' } })).toBeNull();
    const kept = await db.prisma.node.findUniqueOrThrow({ where: { name: 'big-1' } });
    expect(kept.labels).toEqual({ pool: 'web' });
  });

  it('collect-now makes an enabled node due and refuses a disabled one with the reason', async () => {
    expect((await cli('nodes', 'add', 'due-1', 'root@10.0.0.9')).code).toBe(0);
    const ok = await cli('nodes', 'collect-now', 'due-1');
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/due-1 will be collected/) });
    const due = await db.prisma.node.findUniqueOrThrow({ where: { name: 'due-1' } });
    expect(due.nextDueAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await cli('nodes', 'disable', 'due-1')).code).toBe(0);
    const refused = await cli('nodes', 'collect-now', 'due-1');
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/due-1 is disabled/) });
  });

  it('imports kubectl get nodes -o json and CSV, and rejects what it cannot read', async () => {
    const kubectl = {
      items: [
        {
          metadata: { name: 'k-1', labels: { 'node.kubernetes.io/instance-type': 'x' } },
          status: {
            addresses: [{ type: 'InternalIP', address: '10.1.0.7' }],
            nodeInfo: { kubeletVersion: 'v1.28.2', kernelVersion: '5.15.0' },
          },
        },
      ],
    };
    writeFileSync(path.join(dir, 'nodes.json'), JSON.stringify(kubectl));
    const k = await cli(
      'nodes',
      'import',
      path.join(dir, 'nodes.json'),
      '--format',
      'kubectl',
      '--user',
      'ops',
    );
    expect(k.code).toBe(0);
    expect(await db.prisma.node.findUniqueOrThrow({ where: { name: 'k-1' } })).toMatchObject({
      host: '10.1.0.7',
      user: 'ops',
    });
    writeFileSync(
      path.join(dir, 'nodes.csv'),
      'name,host,port,user,labels\nc-1,10.2.0.1,22,root,pool=web;cluster=c\n',
    );
    expect((await cli('nodes', 'import', path.join(dir, 'nodes.csv'), '--format', 'csv')).code).toBe(0);
    expect(await db.prisma.node.findUniqueOrThrow({ where: { name: 'c-1' } })).toMatchObject({
      pool: 'web',
      cluster: 'c',
    });
    const bad = await cli('nodes', 'import', path.join(dir, 'nodes.csv'), '--format', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be/);
  });
});
