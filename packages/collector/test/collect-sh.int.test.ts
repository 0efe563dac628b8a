import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseBundle, PROBE_IDS, type ProbeSpec } from '@nodescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCollectScript } from '../src/snapshot/collect-script.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../nodescope-collect.sh', import.meta.url));

// On this machine `systemd` has no systemd to talk to, and `mountinfo-ns` may exit 1 when the
// last process it lists (its own `ls`) is gone before its mountinfo is read.
const mayFailHere = new Set(['systemd', 'mountinfo-ns']);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nodescope-collect-sh-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runScript(path: string, args: string[] = []) {
  return run('sh', [path, ...args], { maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
}

describe('nodescope-collect.sh on this machine', () => {
  it('prints a bundle of the real /proc that core parseBundle reads without warnings', async () => {
    const { stdout } = await runScript(script, ['-n', 'bench-node']);
    const parsed = parseBundle(stdout);
    expect(parsed.warnings).toEqual([]);
    const bundle = parsed.value!;
    expect(bundle.node.name).toBe('bench-node');
    expect(bundle.collector).toBe('nodescope-collect.sh 1');
    expect(Date.now() - Date.parse(bundle.takenAt)).toBeLessThan(120_000);
    expect(bundle.artifacts.map((a) => a.probe)).toEqual([...PROBE_IDS]);
    const bad = bundle.artifacts.filter(
      (a) => (a.exitCode !== 0 || a.timedOut || a.truncated) && !mayFailHere.has(a.probe),
    );
    expect(bad).toEqual([]);
    const byId = new Map(bundle.artifacts.map((a) => [a.probe, a]));
    expect(byId.get('mountinfo')?.text).toBe(await readFile('/proc/1/mountinfo', 'utf8'));
    expect(byId.get('psi')?.text).toMatch(/^## cpu\n/);
    expect(byId.get('system')?.text).toMatch(/^hostname=/);
  });

  it('runs only the probes given with -p', async () => {
    const { stdout } = await runScript(script, ['-p', 'psi,mountinfo']);
    expect(parseBundle(stdout).value?.artifacts.map((a) => a.probe)).toEqual(['mountinfo', 'psi']);
  });

  it('flags truncation, node-side timeouts and failures with stderr the same way as the SSH collector', async () => {
    const specs: ProbeSpec[] = [
      {
        id: 'dmesg',
        description: '',
        script: 'yes nodescope | head -c 5000',
        timeoutSec: 5,
        maxBytes: 100,
        wantsRoot: false,
      },
      {
        id: 'systemd',
        description: '',
        script: 'echo started; sleep 30',
        timeoutSec: 1,
        maxBytes: 1000,
        wantsRoot: false,
      },
      {
        id: 'containers',
        description: '',
        script: 'echo partial; echo "crictl: not found" >&2; exit 3',
        timeoutSec: 5,
        maxBytes: 1000,
        wantsRoot: false,
      },
      {
        id: 'psi',
        description: '',
        script: 'printf "%s" "no newline"; echo warn >&2',
        timeoutSec: 5,
        maxBytes: 10,
        wantsRoot: false,
      },
      { id: 'kubelet-log', description: '', script: 'true', timeoutSec: 5, maxBytes: 10, wantsRoot: false },
    ];
    const path = join(dir, 'custom.sh');
    await writeFile(path, renderCollectScript(specs));
    const started = Date.now();
    const { stdout } = await runScript(path, ['-n', 'x']);
    expect(Date.now() - started).toBeLessThan(10_000);
    const parsed = parseBundle(stdout);
    expect(parsed.warnings).toEqual([]);
    const [trunc, hung, failed, exact, empty] = parsed.value!.artifacts;
    expect(trunc).toMatchObject({
      probe: 'dmesg',
      truncated: true,
      exitCode: null,
      text: 'nodescope\n'.repeat(10),
    });
    expect(hung).toMatchObject({
      probe: 'systemd',
      timedOut: true,
      exitCode: 137,
      error: 'killed on the node after 1 s',
    });
    // The shell may add its own "Killed" under ## stderr; what the probe printed is kept.
    expect(hung?.text).toMatch(/^started\n/);
    expect(hung?.durationMs).toBeGreaterThanOrEqual(900);
    expect(failed).toMatchObject({ exitCode: 3, text: 'partial\n## stderr\ncrictl: not found\n' });
    // Exactly at the cap is not truncated, and a successful probe's stderr is left out.
    expect(exact).toMatchObject({ exitCode: 0, truncated: false, text: 'no newline' });
    expect(empty).toMatchObject({ exitCode: 0, text: '' });
  });
});
