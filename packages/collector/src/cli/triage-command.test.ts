import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The installed command, spawned as a user runs it: stdout, stderr and the exit code. */
const BIN = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/nodescope');
const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-triage-'));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(BIN, args, { maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

const SCENARIOS = {
  healthy: null,
  'mount-leak': 'mount-leak-dead-container',
  'pleg-io-pressure': 'runtime-io-contention',
  'xfs-io-errors': 'disk-failure-kubelet-exits',
  'cgroup-kmem-leak': 'memcg-id-leak-kmem',
  'systemd-hang': 'systemd-dbus-hang',
} as const;

/** Bundles from `nodescope simulate --bundle`, generated once, all at the same time. */
const bundles: Promise<Record<string, string>> = (async () => {
  const out: Record<string, string> = {};
  await Promise.all(
    Object.keys(SCENARIOS).map(async (s) => {
      const r = await run(['simulate', '--scenario', s, '--scale', '0.05', '--bundle']);
      if (r.code !== 0) throw new Error(`simulate ${s}: ${r.stderr}`);
      const file = path.join(dir, `${s}.bundle`);
      writeFileSync(file, r.stdout);
      out[s] = file;
    }),
  );
  return out;
})();

describe('nodescope triage (spawned)', { timeout: 180_000 }, () => {
  it.each(Object.entries(SCENARIOS))('%s bundle -> root cause %s', async (scenario, root) => {
    const file = (await bundles)[scenario] as string;
    const r = await run(['triage', file]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['rootCause', 'runs']));
    expect(json.rootCause?.id ?? null).toBe(root);
    for (const run of json.runs) {
      expect(Object.keys(run.conclusion)).toEqual(
        expect.arrayContaining(['id', 'title', 'chain', 'remediation', 'followUps']),
      );
      for (const s of run.steps)
        expect(['confirmed', 'ruled-out', 'inconclusive', 'unknown']).toContain(s.verdict);
    }
    if (root === null) {
      expect(json.runs.map((x: { conclusion: { id: string } }) => x.conclusion.id)).toEqual([
        'no-problem-found',
      ]);
      expect(r.stderr).toMatch(/no playbook's entry symptom is present/);
    } else {
      expect(json.runs.every((x: { conclusion: { id: string } }) => x.conclusion.id === root)).toBe(true);
    }
  });

  it('--playbook runs one playbook, with its step path and evidence lines', async () => {
    const r = await run(['triage', (await bundles)['mount-leak'] as string, '--playbook', 'pods-stuck']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.runs.map((x: { playbook: string }) => x.playbook)).toEqual(['pods-stuck']);
    const steps = json.runs[0].steps;
    expect(steps.map((s: { id: string; verdict: string }) => `${s.id}:${s.verdict}`)).toEqual([
      'teardown:confirmed',
      'mount-leak:confirmed',
      'holder-dead:confirmed',
    ]);
    expect(steps[0].evidence[0]).toEqual(
      expect.objectContaining({ probe: 'kubelet-log', line: expect.any(Number) }),
    );
    expect(json.runs[0].conclusion.remediation[0]).toEqual(expect.objectContaining({ risk: 'medium' }));
  });

  it('--format markdown prints a report for a ticket', async () => {
    const r = await run(['triage', (await bundles)['systemd-hang'] as string, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Triage/);
    expect(r.stdout).toMatch(/\*\*Most probable root cause: systemd not answering on D-Bus/);
    expect(r.stdout).toMatch(/`systemctl daemon-reexec` \(risk: medium\)/);
    expect(r.stdout).toMatch(/Data gaps .*systemd timed-out/);
  });

  it('an unknown playbook exits 2 and lists the valid ones', async () => {
    const r = await run(['triage', (await bundles).healthy as string, '--playbook', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /unknown playbook "nope"; valid: kubelet-resource-high, node-not-ready, pleg-unhealthy, pods-stuck/,
    );
  });

  it.each([
    [['triage'], /usage: nodescope triage/],
    [['triage', '/nonexistent/bundle'], /no such file/],
    [['triage', 'x', '--format', 'yaml'], /--format must be json or markdown/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
