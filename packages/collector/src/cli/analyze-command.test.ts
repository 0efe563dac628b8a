import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { serializeBundle } from '@nodescope/core';
import { bundleFor } from '@nodescope/simulator';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './run-captured.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-cli-'));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const cli = (...argv: string[]) => runCaptured(argv);

const DMESG = `[Tue Apr 14 02:46:12 2020] blk_update_request: I/O error, dev vdb, sector 41943168 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0
[Tue Apr 14 02:46:12 2020] XFS (vdb): metadata I/O error in "xlog_iodone" at daddr 0x2800080 len 64 error 5
[Tue Apr 14 02:46:12 2020] XFS (vdb): xfs_do_force_shutdown(0x2) called from line 1271 of file fs/xfs/xfs_log.c.  Return address = 00000000c1b0b1a8
[Tue Apr 14 02:46:12 2020] XFS (vdb): Log I/O Error Detected.  Shutting down filesystem
`;

describe('nodescope analyze', () => {
  it('prints the DESIGN.md JSON contract for a pasted dmesg, with evidence lines', async () => {
    const r = await cli('analyze', file('dmesg.txt', DMESG));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).sort()).toEqual(['findings', 'metrics', 'warnings']);
    const shutdown = json.findings.find((f: { rule: string }) => f.rule === 'filesystem-shutdown');
    expect(shutdown.severity).toBe('critical');
    expect(shutdown.evidence).toContainEqual(expect.objectContaining({ probe: 'dmesg', line: 3 }));
    expect(json.findings.map((f: { rule: string }) => f.rule)).toContain('disk-io-errors');
  });

  it('reads a gzipped bundle and finds the incident of the scenario', async () => {
    const bundle = serializeBundle(bundleFor('cgroup-kmem-leak', { scale: 0.2 }));
    const r = await cli('analyze', file('kmem.bundle.gz', gzipSync(bundle)));
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['cgroup-id-exhaustion', 'kmem-accounting-risk']));
  });

  it('--probe forces the kind and --format text is human readable', async () => {
    const r = await cli(
      'analyze',
      file(
        'psi',
        'some avg10=92.00 avg60=80.00 avg300=60.00 total=1\nfull avg10=70.00 avg60=60.00 avg300=50.00 total=1\n',
      ),
      '--probe',
      'psi',
      '--format',
      'text',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pressure-stall/);
  });

  it.each([
    [['analyze', '/nonexistent/file'], /no such file/],
    [['analyze', dir], /directory/],
    [['analyze', file('bin', Buffer.from([0, 1, 2, 0, 255]))], /binary/],
    [['analyze', file('x.txt', DMESG), '--probe', 'nope'], /unknown probe id/],
    [['analyze', file('y.txt', 'hello world\n')], /nothing in this text was recognised/],
    [['frobnicate'], /unknown command/],
  ])('fails clearly for %j', async (argv, message) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBeGreaterThan(0);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('nodescope analyze on a mixed syslog', () => {
  it('runs kernel, kubelet and runtime lines of one /var/log/messages through their parsers', async () => {
    const text = readFileSync(
      new URL('../../../core/src/logs/fixtures/syslog-mixed-messages.txt', import.meta.url),
      'utf8',
    );
    const r = await cli('analyze', file('messages', text));
    const rules = JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['kubelet-restart-loop', 'filesystem-shutdown']));
  });
});
