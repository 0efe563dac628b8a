import { parseBundle } from '@nodescope/core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCommand } from './cli.ts';

function io() {
  const o = { out: '', err: '' };
  const stdout = (s: string) => {
    o.out += s;
  };
  const stderr = (s: string) => {
    o.err += s;
  };
  return { o, io: { stdout, stderr } };
}

describe('simulate command', () => {
  it('prints a bundle for a scenario', async () => {
    const { o, io: sink } = io();
    const code = await simulateCommand(
      ['--scenario', 'systemd-hang', '--bundle', '--at', '2026-11-22T10:00:00Z'],
      sink,
    );
    expect(code).toBe(0);
    expect(o.out.startsWith('#nodescope-bundle v1\n')).toBe(true);
    const b = parseBundle(o.out).value;
    expect(b?.artifacts).toHaveLength(13);
    expect(b?.artifacts.find((a) => a.probe === 'systemd')?.timedOut).toBe(true);
  });

  it('lists valid scenarios for an unknown name', async () => {
    const { o, io: sink } = io();
    expect(await simulateCommand(['--scenario', 'disk-full', '--bundle'], sink)).toBe(2);
    expect(o.err).toContain('unknown scenario "disk-full"');
    expect(o.err).toContain(
      'healthy, mount-leak, pleg-io-pressure, xfs-io-errors, cgroup-kmem-leak, systemd-hang',
    );
  });

  it('runs a fleet, writes its inventory and stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nodescope-cli-'));
    try {
      const { o, io: sink } = io();
      const inv = join(dir, 'inv.json');
      const code = await simulateCommand(
        ['--nodes', '3', '--mix', 'healthy', '--inventory', inv, '--state-dir', dir],
        sink,
        { waitForStop: async () => {} },
      );
      expect(code).toBe(0);
      const entries = JSON.parse(readFileSync(inv, 'utf8')) as { name: string; port: number }[];
      expect(entries.map((e) => e.name)).toEqual(['node-0001', 'node-0002', 'node-0003']);
      expect(o.out).toContain('simulating 3 nodes');
      expect(o.out).toContain('simulator stopped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
