import { describe, expect, it } from 'vitest';
import { analyzeArtifacts, capProbeText, MAX_PROBE_TEXT_CHARS } from '../analyze.ts';
import type { RawArtifact } from '../model/artifact.ts';
import type { ProbeId } from '../model/probe-id.ts';

const artifact = (probe: ProbeId, text: string): RawArtifact => ({
  probe,
  text,
  exitCode: 0,
  durationMs: 1,
  truncated: false,
  timedOut: false,
});

// 1,000 dmesg lines of 40 characters each: "[    1.000000] line 0001 xxxxxxxxxxxxxx\n".
const dmesgLine = (i: number) =>
  `[${String(i).padStart(5)}.000000] line ${String(i).padStart(4, '0')} xxxxxxxxxxxxxx\n`;
const DMESG = Array.from({ length: 1000 }, (_, i) => dmesgLine(i)).join('');

describe('per-probe text cap in analysis', () => {
  it('is 64 MiB by default', () => {
    expect(MAX_PROBE_TEXT_CHARS).toBe(64 * 1024 * 1024);
  });

  it('keeps a text under the cap untouched, without a warning', () => {
    const a = artifact('dmesg', DMESG);
    const c = capProbeText(a, DMESG.length);
    expect(c.artifact).toBe(a);
    expect(c.warning).toBeUndefined();
  });

  it('keeps the head of a text over the cap, cut at the last line end', () => {
    const c = capProbeText(artifact('dmesg', DMESG), 1000);
    // 1000 characters hold 25 whole lines of 40.
    expect(c.artifact.text).toBe(DMESG.slice(0, 1000));
    expect(c.artifact.text.endsWith('\n')).toBe(true);
    const cut = capProbeText(artifact('dmesg', DMESG), 1019);
    expect(cut.artifact.text).toBe(DMESG.slice(0, 1000));
    expect(cut.warning?.probe).toBe('dmesg');
    expect(cut.warning?.message).toContain('probe dmesg');
    expect(cut.warning?.message).toContain('1019 characters');
  });

  it('cuts a text with no line end at the cap itself', () => {
    const c = capProbeText(artifact('system', 'x'.repeat(5000)), 1024);
    expect(c.artifact.text.length).toBe(1024);
  });

  it('names the probe and the cap in the analysis warnings, and analyses only the head', () => {
    const mount = '36 25 0:31 / /sys/fs/cgroup ro - tmpfs tmpfs ro\n';
    const r = analyzeArtifacts([artifact('dmesg', DMESG), artifact('mountinfo', mount)], {
      takenAt: '2026-01-01T00:00:00Z',
      maxProbeTextChars: 1019,
    });
    const capWarnings = r.warnings.filter((w) => w.message.includes('analysis cap'));
    expect(capWarnings).toEqual([
      {
        probe: 'dmesg',
        message: `probe dmesg output is ${DMESG.length} characters, over the 1019 characters analysis cap; only its first 1000 characters were analysed`,
      },
    ]);
    const events = r.state.logs.dmesg;
    expect(events).toHaveLength(25);
    expect(events.at(-1)?.message).toBe('line 0024 xxxxxxxxxxxxxx');
    // A probe under the cap is read whole.
    expect(r.state.mountNamespaces[0]?.mounts).toHaveLength(1);
  });

  it('states a cap of whole MiB in MiB', () => {
    const c = capProbeText(artifact('kubelet-log', 'abc\n'.repeat(512 * 1024)), 1024 * 1024);
    expect(c.artifact.text.length).toBe(1024 * 1024);
    expect(c.warning?.message).toContain('over the 1 MiB analysis cap');
  });
});
