import { describe, expect, it } from 'vitest';
import { parseKubeletProc } from './kubelet-proc.ts';

describe('parseKubeletProc', () => {
  it.each([
    {
      name: 'kubelet at 2022% on a 48-CPU node (incident A)',
      text: 'pid=3237254\ncpu_ticks=2022 hz=100 interval_s=1\nVmRSS:\t 8600000 kB\nThreads:\t312\n',
      want: { pid: 3237254, cpuPercent: 2022, sampleSeconds: 1, rssKb: 8600000, threads: 312 },
    },
    {
      name: 'healthy peer',
      text: 'pid=1201\ncpu_ticks=27 hz=100 interval_s=1\nVmRSS:\t  716800 kB\nThreads:\t48\n',
      want: { pid: 1201, cpuPercent: 27, sampleSeconds: 1, rssKb: 716800, threads: 48 },
    },
    {
      name: 'other tick rate and interval',
      text: 'pid=9\ncpu_ticks=250 hz=250 interval_s=2\n',
      want: { pid: 9, cpuPercent: 50, sampleSeconds: 2 },
    },
  ])('$name', ({ text, want }) => {
    const r = parseKubeletProc(text);
    expect(r.value).toEqual(want);
    expect(r.warnings).toEqual([]);
  });

  it('says when kubelet is not running', () => {
    const r = parseKubeletProc('pid=\n');
    expect(r.value).toEqual({});
    expect(r.warnings).toEqual([{ probe: 'kubelet-proc', line: 1, message: 'no kubelet process found' }]);
  });

  it.each([
    ['cpu_ticks= hz=100 interval_s=1', 1],
    ['cpu_ticks=5 hz=0 interval_s=1', 1],
    ['awk: cannot open /proc/123/stat', 1],
  ])('warns about %j', (text, line) => {
    const r = parseKubeletProc(text);
    expect(r.value.cpuPercent).toBeUndefined();
    expect(r.warnings.map((w) => w.line)).toEqual([line]);
  });
});
