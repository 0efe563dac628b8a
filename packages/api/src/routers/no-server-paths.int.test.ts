import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFleet, type Fleet } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectNode } from '../../../collector/src/service/collect-node.ts';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import { callByPath, listProcedures } from '../procedure-list.ts';
import { appRouter } from '../router.ts';

// Requests never name server files: every path-shaped field of every procedure is tried with
// traversal and absolute paths, as an admin, and nothing outside the data folder is created or read.

let db: TestDatabase;
let fleet: Fleet;
let dataDir: string;
let outside: string;
let api: ReturnType<typeof appRouter.createCaller>;
const PATH_FIELDS = [
  'identityFile',
  'knownHostsFile',
  'path',
  'file',
  'key',
  'name',
  'host',
  'keyFile',
  'dir',
];
const CANARY = 'CANARY-7f3e secret content that must never be read';

function listing(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const p = join(e.parentPath, e.name);
    out.push(`${p}:${e.isFile() ? statSync(p).size : 'dir'}`);
  }
  return out.sort();
}

function pathsUnder(dir: string): string[] {
  return [
    join(dir, '.ssh', 'authorized_keys'),
    join(dir, 'canary'),
    `${dataDir}/../../${dir.replace(/^\//, '')}/new/authorized_keys`,
    '../../../../../../etc/passwd',
    '/etc/shadow',
    '~/.ssh/id_ed25519',
    'file:///etc/passwd',
  ];
}

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return `ok ${JSON.stringify(await p)}`;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return `error ${e.code ?? ''} ${e.message ?? ''}`;
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ns-data-'));
  outside = mkdtempSync(join(tmpdir(), 'ns-outside-'));
  writeFileSync(join(outside, 'canary'), CANARY);
  process.env.NODESCOPE_DATA_DIR = dataDir;
  db = await createTestDatabase('paths');
  fleet = await startFleet({
    nodes: [{ name: 'sim-1', scenario: 'healthy' }],
    stateDir: join(dataDir, 'fleet'),
  });
  api = appRouter.createCaller({
    prisma: db.prisma,
    actor: { kind: 'user', id: 'admin-1', name: 'admin', role: 'admin' },
  });
});

afterAll(async () => {
  await fleet?.stop();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('no request names a server file', () => {
  it('inventory.save refuses identityFile and knownHostsFile, whether the file exists or not', async () => {
    const base = { name: 'evil', host: '127.0.0.1', port: 22, tofu: true };
    const existing = await outcome(
      api.inventory.save({ ...base, identityFile: join(outside, 'canary') } as never),
    );
    const missing = await outcome(
      api.inventory.save({ ...base, identityFile: join(outside, 'nope') } as never),
    );
    expect(existing).toMatch(/^error BAD_REQUEST/);
    expect(existing).toContain('identityFile');
    // No existence oracle: the answer does not depend on the file being there.
    expect(existing.replaceAll('canary', 'X')).toBe(missing.replaceAll('nope', 'X'));
    const kh = await outcome(
      api.inventory.save({ ...base, knownHostsFile: join(outside, '.ssh', 'authorized_keys') } as never),
    );
    expect(kh).toMatch(/^error BAD_REQUEST.*knownHostsFile/s);
    expect(await db.prisma.node.count()).toBe(0);
  });

  it('every procedure, every path-shaped field: nothing outside the data folder is created or read', async () => {
    const before = listing(outside);
    const procs = listProcedures(appRouter);
    expect(procs.length).toBeGreaterThan(10);
    const answers: string[] = [];
    for (const { path } of procs) {
      for (const p of pathsUnder(outside)) {
        const input: Record<string, unknown> = {
          host: '127.0.0.1',
          port: fleet.inventory[0]?.port,
          tofu: true,
        };
        for (const f of PATH_FIELDS) input[f] = p;
        answers.push(await outcome(callByPath(api, path, input)));
        answers.push(
          await outcome(callByPath(api, path, { name: 'n1', host: '127.0.0.1', identityFile: p })),
        );
        answers.push(await outcome(callByPath(api, path, p)));
      }
    }
    // Nodes that did get saved are collected: a TOFU collection must not write any file either.
    for (const n of await db.prisma.node.findMany()) {
      await collectNode(db.prisma, n.id, {
        defaultKnownHostsFile: join(outside, 'known_hosts'),
        connectTimeoutMs: 2000,
      });
    }
    expect(listing(outside)).toEqual(before);
    expect(answers.join('\n')).not.toContain('CANARY');
    expect(answers.join('\n')).not.toMatch(/ENOENT|EACCES|no such file/i);
  });

  it('an uploaded key is stored sealed, never shown, and TOFU records the host key in the database, not a file', async () => {
    const privateKey = readFileSync(fleet.identityFile, 'utf8');
    const sim = fleet.inventory[0];
    if (!sim) throw new Error('no simulated node');
    const added = await api.keys.add({ name: 'fleet', privateKey });
    expect(added.fingerprint).toMatch(/^SHA256:/);
    expect(JSON.stringify(await api.keys.list())).not.toContain('PRIVATE KEY');
    const row = await db.prisma.sshKey.findUniqueOrThrow({ where: { name: 'fleet' } });
    expect(row.ciphertext).not.toContain(privateKey.split('\n')[1] ?? '??');
    expect(row.ciphertext.startsWith(`v1.${row.secretKeyId}.`)).toBe(true);
    expect(statSync(join(dataDir, 'secret-keys')).mode & 0o777).toBe(0o600);

    const saved = await api.inventory.save({
      name: 'sim-1',
      host: sim.host,
      port: sim.port,
      user: sim.user,
      key: 'fleet',
      tofu: true,
    });
    expect(saved).toMatchObject({
      key: { name: 'fleet' },
      configuredKeyFile: false,
      configuredKnownHosts: false,
    });
    expect(JSON.stringify(await api.inventory.list())).not.toContain('PRIVATE KEY');

    const before = listing(outside);
    const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'sim-1' } });
    const first = await collectNode(db.prisma, node.id, {
      defaultKnownHostsFile: join(outside, 'known_hosts'),
    });
    expect(first.state).toMatch(/ok|partial/);
    expect(listing(outside)).toEqual(before);
    const trusted = await db.prisma.knownHostKey.findMany();
    expect(trusted).toHaveLength(1);
    expect(trusted[0]).toMatchObject({ host: sim.host, port: sim.port, trustedBy: 'tofu:sim-1' });
    expect(await db.prisma.auditEvent.count({ where: { action: 'hostkey.trust' } })).toBe(1);

    // With TOFU off, the key trusted in the database is what lets the next collection in.
    await api.inventory.save({ name: 'sim-1', host: sim.host, port: sim.port, user: sim.user, tofu: false });
    expect(
      (await collectNode(db.prisma, node.id, { defaultKnownHostsFile: join(outside, 'known_hosts') })).state,
    ).toMatch(/ok|partial/);
    await api.hostKeys.forget({ host: sim.host, port: sim.port });
    const refused = await collectNode(db.prisma, node.id, {
      defaultKnownHostsFile: join(outside, 'known_hosts'),
    });
    expect(refused.state).toBe('host-key-unknown');
    expect(refused.error).not.toContain(outside);
  });
});
