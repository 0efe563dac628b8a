import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeBundle } from '@nodescope/core';
import { bundleFor } from '@nodescope/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from './run-captured.ts';

/** The real command, spawned the way an engineer runs it: stdout and exit code are the contract. */
const BIN = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/nodescope');
const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-mounts-'));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(BIN, args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const HOST = `20 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
30 20 253:16 / /var/lib/kubelet/plugins/kubernetes.io/csi/pv/pv-1/globalmount rw,relatime shared:7 - ext4 /dev/vdb rw
31 20 0:5 / /proc rw - proc proc rw
`;

let bundlePath = '';
beforeAll(() => {
  bundlePath = file('leak.bundle', serializeBundle(bundleFor('mount-leak', { scale: 0.05 })));
});

describe('nodescope mounts (spawned)', { timeout: 180_000 }, () => {
  it('--format json prints the graph contract with the dead holder and its copies', async () => {
    const r = await run('mounts', bundlePath, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ['nodes', 'edges', 'holders', 'umountPlan']) expect(j).toHaveProperty(k);
    const kinds = new Set(j.nodes.map((n: { kind: string }) => n.kind));
    for (const k of kinds)
      expect(['device', 'host-mount', 'copy-group', 'copy', 'namespace', 'container']).toContain(k);
    const dead = j.holders.find((h: { leak: boolean }) => h.leak);
    expect(dead.state).toBe('Removal In Progress');
    const group = j.nodes.find((n: { kind: string; leak: boolean }) => n.kind === 'copy-group' && n.leak);
    expect(group.count).toBeGreaterThan(100);
    for (const e of j.edges)
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['from', 'to', 'kind', 'count']));

    const open = await run('mounts', bundlePath, '--format', 'json', '--expand', group.id);
    const expanded = JSON.parse(open.stdout);
    expect(expanded.expanded).toBe(group.id);
    expect(expanded.nodes.filter((n: { kind: string }) => n.kind === 'copy').length).toBeGreaterThan(100);
  });

  it('text is a tree with counts; --umount-plan is a script listing the deepest paths first', async () => {
    const t = await run('mounts', bundlePath);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/copies held by logxxx-ds-hsbv9/);
    expect(t.stdout).toMatch(/^holders:$/m);
    const p = await run('mounts', bundlePath, '--umount-plan');
    expect(p.code).toBe(0);
    expect(p.stdout.startsWith('#!/bin/sh')).toBe(true);
    const paths = [...p.stdout.matchAll(/^umount '?([^'\n]+)'?$/gm)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(10);
    for (let i = 1; i < paths.length; i++)
      expect((paths[i] as string).length).toBeLessThanOrEqual((paths[i - 1] as string).length);
  });

  it('dot and the leaks CSV', async () => {
    const d = await run('mounts', bundlePath, '--format', 'dot', '--leaks');
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/^digraph mounts \{/);
    const c = await run('mounts', bundlePath, '--format', 'csv');
    const lines = c.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^path,device,maj_min/);
    expect(lines.length).toBeGreaterThan(100);
  });

  it('a pasted host mountinfo: no leak, said plainly', async () => {
    const r = await run('mounts', file('mountinfo.txt', HOST));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Nothing leaks: 3 mount records in 1 namespace, 2 devices;/);
    expect(r.stdout).toMatch(/pv-1\/globalmount/);
  });

  it('usage errors and unusable input are refused with a message, exit code 2', async () => {
    // Messages from the spawned command; the codes from main() itself, which the bin passes on.
    const cases: [string[], RegExp][] = [
      [['mounts'], /usage: nodescope mounts/],
      [['mounts', path.join(dir, 'missing.txt')], /no such file/],
      [['mounts', file('empty.txt', '  \n')], /is empty/],
      [
        ['mounts', file('dmesg.txt', '[  1.0] EXT4-fs (vdb): Remounting filesystem read-only\n')],
        /no mount table/,
      ],
      [['mounts', bundlePath, '--format', 'yaml'], /--format must be one of/],
    ];
    for (const [args, message] of cases) {
      const spawned = await run(...args);
      expect(spawned.stderr).toMatch(message);
      expect(spawned.stdout).toBe('');
      expect((await runCaptured(args)).code).toBe(2);
    }
    expect((await runCaptured(['mounts', '--help'])).code).toBe(0);
  });
});
