import { describe, expect, it } from 'vitest';
import { analyzeArtifacts } from '../analyze.ts';
import { eventText } from './event-text.ts';

describe('eventText', () => {
  it('appends structured fields so rules see what structured klog keeps out of the message', () => {
    expect(
      eventText({
        probe: 'kubelet-log',
        line: 1,
        lineCount: 1,
        message: 'm',
        fields: { err: 'a b', n: '3' },
      }),
    ).toBe('m err="a b" n="3"');
    expect(eventText({ probe: 'dmesg', line: 1, lineCount: 1, message: 'plain' })).toBe('plain');
  });

  it('finds "PLEG is not healthy" inside a structured err= field of a syslog-wrapped kubelet line', () => {
    const text =
      'Jun 12 05:48:50 node-1 kubelet[1234]: E0612 05:48:50.000000    1234 kubelet.go:2185] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m0.5s ago; threshold is 3m0s"\n';
    const result = analyzeArtifacts(
      [{ probe: 'kubelet-log', text, exitCode: 0, durationMs: 0, truncated: false, timedOut: false }],
      { takenAt: '2026-06-12T06:00:00Z' },
    );
    const pleg = result.findings.find((f) => f.rule === 'pleg-unhealthy');
    expect(pleg?.severity).toBe('critical');
    expect(pleg?.evidence[0]).toMatchObject({ probe: 'kubelet-log', line: 1 });
    expect(pleg?.evidence[0]?.text).toContain('PLEG is not healthy');
  });
});
