import { describe, expect, it } from 'vitest';
import { resolveNode, type SimNodeSpec } from '../model/sim-node-spec.ts';
import { backfillTimes } from '../model/sim-time.ts';
import { knownHostsLine } from '../server/keys.ts';
import { generateArtifacts, generateProbeOutput } from './generate.ts';

const AT = new Date('2026-11-22T10:00:00Z');
const HEALTHY = ['h-01', 'h-02', 'h-03', 'h-04', 'h-05', 'h-06', 'h-07', 'h-08'].map((name) =>
  resolveNode({ name, scenario: 'healthy' }),
);
const out = (spec: SimNodeSpec, probe: Parameters<typeof generateProbeOutput>[1], at = AT) =>
  generateProbeOutput(spec, probe, at);

describe('probe output formats', () => {
  it.each(HEALTHY.map((n) => [n.name, n] as const))('%s: ps columns line up like procps', (_n, node) => {
    const lines = out(node, 'processes').stdout.trimEnd().split('\n');
    const header = lines[0] as string;
    expect(header).toMatch(/^ +PID +PPID STAT ELAPSED NLWP %CPU {3}RSS WCHAN {28}COMMAND$/);
    const cmdCol = header.indexOf('COMMAND');
    const pidEnd = header.indexOf('PID') + 3;
    for (const l of lines.slice(1)) {
      expect(l.slice(0, pidEnd)).toMatch(/^ *\d+$/);
      // Rows without an over-wide value keep COMMAND in its column.
      if (l.length > cmdCol && l[cmdCol - 1] === ' ') expect(l[cmdCol]).not.toBe(' ');
    }
    const pids = lines.slice(1).map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(new Set(pids).size).toBe(pids.length);
    expect(pids).toEqual([...pids].sort((a, b) => a - b));
  });

  it.each(HEALTHY.map((n) => [n.name, n] as const))(
    '%s: lsblk prints valid JSON or the EL7 table',
    (_n, node) => {
      const text = out(node, 'blockdev').stdout;
      const json = JSON.parse(text) as {
        blockdevices: { name: string; mountpoints?: unknown[]; mountpoint?: unknown }[];
      };
      expect(json.blockdevices[0]?.name).toBe('vda');
      for (const d of json.blockdevices) expect(Array.isArray(d.mountpoints) || 'mountpoint' in d).toBe(true);
    },
  );

  it('/proc/cgroups has its tab-separated header', () => {
    for (const node of HEALTHY) {
      const lines = out(node, 'cgroups').stdout.split('\n');
      expect(lines[0]).toBe('## /proc/cgroups');
      expect(lines[1]).toBe('#subsys_name\thierarchy\tnum_cgroups\tenabled');
      expect(lines[2]).toMatch(/^cpuset\t\d+\t\d+\t1$/);
    }
  });

  it('cgroup-kmem-leak reports the seed figures, no PSI and a plain lsblk', () => {
    const node = { name: 'd', scenario: 'cgroup-kmem-leak' } as const;
    const cg = out(node, 'cgroups').stdout;
    expect(cg).toContain('cpuset\t10\t229418\t1');
    expect(cg).toContain('memory\t7\t109\t1');
    expect(cg).toContain('devices\t3\t229504\t1');
    expect(cg).toContain('slabinfo=readable');
    const psi = out(node, 'psi');
    expect(psi.exitCode).toBe(0);
    expect(psi.stdout).toContain('## cpu\ncat: /proc/pressure/cpu: No such file or directory\n');
    expect(out(node, 'blockdev').stdout.split('\n')[0]).toMatch(
      /^NAME +MAJ:MIN TYPE +SIZE RO FSTYPE MOUNTPOINT$/,
    );
  });

  it('journal and dmesg lines carry short-iso and iso timestamps', () => {
    const node = { name: 'a', scenario: 'mount-leak', scale: 0.02 } as const;
    const kl = out(node, 'kubelet-log').stdout.split('\n')[0] as string;
    expect(kl).toMatch(
      /^2026-11-22T\d\d:\d\d:\d\d\+0000 a kubelet\[\d+\]: [EI]1122 \d\d:\d\d:\d\d\.\d{6} +\d+ [\w.]+:\d+\] /,
    );
    const dm = out(node, 'dmesg').stdout.split('\n');
    expect(dm[0]).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d,\d{6}\+00:00 Linux version /);
    expect(dm.some((l) => /EXT4-fs error \(device vd\w+\): __ext4_get_inode_loc:4317/.test(l))).toBe(true);
  });

  it('known_hosts lines use the bracketed host:port form', () => {
    expect(knownHostsLine('127.0.0.1', 2222, 'ssh-ed25519 AAAAC3Nza comment')).toBe(
      '[127.0.0.1]:2222 ssh-ed25519 AAAAC3Nza',
    );
    expect(knownHostsLine('10.0.0.1', 22, 'ssh-ed25519 AAAAC3Nza')).toBe('10.0.0.1 ssh-ed25519 AAAAC3Nza');
  });
});

describe('time', () => {
  it('same node and time give the same snapshot', () => {
    const node = { name: 'x', scenario: 'pleg-io-pressure' } as const;
    expect(generateArtifacts(node, AT)).toEqual(generateArtifacts(node, AT));
  });

  it('mount leak grows over the days before the reference time', () => {
    const node = { name: 'a', scenario: 'mount-leak', scale: 0.05 } as const;
    const merged = (at: Date) =>
      out(node, 'mountinfo', at)
        .stdout.split('\n')
        .filter((l) => l.includes('/merged/logxxx_host/')).length;
    const early = merged(new Date(AT.getTime() - 120 * 86_400_000));
    const later = merged(new Date(AT.getTime() - 30 * 86_400_000));
    expect(early).toBeGreaterThan(10);
    expect(later).toBeGreaterThan(early);
  });

  it('log lines written at one instant are identical in overlapping windows', () => {
    const node = { name: 'p', scenario: 'pleg-io-pressure' } as const;
    const a = new Set(out(node, 'kubelet-log', AT).stdout.split('\n'));
    const b = out(node, 'kubelet-log', new Date(AT.getTime() + 10 * 60_000)).stdout.split('\n');
    const shared = b.filter((l) => a.has(l));
    expect(shared.length).toBeGreaterThan(2000);
  });

  it('backfillTimes gives aligned instants, oldest first', () => {
    const t = backfillTimes(2, 30, new Date('2026-11-22T10:07:00Z'));
    expect(t).toHaveLength(96);
    expect(t.at(-1)?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(t[0]?.toISOString()).toBe('2026-11-20T10:30:00.000Z');
  });

  it('a healthy snapshot is cheap to generate', () => {
    const node = HEALTHY[1] as (typeof HEALTHY)[number];
    for (let i = 0; i < 20; i++) generateArtifacts(node, AT);
    // The fastest of many runs: other test files share the CPU, so averages are noisy.
    let perSnapshot = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      generateArtifacts(node, new Date(AT.getTime() + i * 300_000));
      perSnapshot = Math.min(perSnapshot, performance.now() - t0);
    }
    expect(perSnapshot).toBeLessThan(25);
  });
});
