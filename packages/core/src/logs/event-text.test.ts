import { describe, expect, it } from 'vitest';
import { logEventText } from './event-text.ts';
import { parseKubeletLog } from './kubelet-log.ts';

describe('logEventText', () => {
  it.each([
    [
      'E1122 09:51:52.120981 2301 kubelet.go:2263] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m5s ago"',
      'Skipping pod synchronization err="PLEG is not healthy: pleg was last seen active 3m5s ago"',
    ],
    ['E1122 09:51:52.120981 2301 kubelet.go:2263] plain "quoted" words', 'plain "quoted" words'],
    ['I1122 09:51:52.120981 2301 a.go:1] "m" k="a\\"b"', 'm k="a\\"b"'],
  ])('%s', (line, want) => {
    const ev = parseKubeletLog(line, { referenceTime: '2026-11-22T10:00:00Z' }).value[0]!;
    expect(logEventText(ev)).toBe(want);
  });
});
