import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../model/node-state.ts';
import { kubeletJournal } from './fixtures/generate-kubelet-journal.ts';
import { parseKubeletLog } from './kubelet-log.ts';
import { growth } from '../robustness/linear-time.test-support.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const ctx = { referenceTime: '2026-11-22T10:00:00Z' };

const NESTED =
  'E0412 15:28:39.437193 3237254 nestedpendingoperations.go:301] Operation for "{volumeName:kubernetes.io/csi/diskplugin.csi.xxx.com^d-bp1dtkaipms3op820vnb podName: nodeName:}" failed. No retries permitted until 2024-04-12 15:30:41.437168443 +0800 CST m=+21254165.582404754 (durationBeforeRetry 2m2s). Error: "GetDeviceMountRefs check failed for volume "d-bp1dtkaipms3op820vnb""';

describe('parseKubeletLog: line shapes', () => {
  const cases: { name: string; line: string; want: Partial<LogEvent> }[] = [
    {
      name: 'bare klog header (seed 000)',
      line: NESTED,
      want: {
        level: 'E',
        sourceLoc: 'nestedpendingoperations.go:301',
        time: '2026-04-12T15:28:39.437Z',
        fields: { pid: '3237254' },
      },
    },
    {
      name: 'syslog prefix + klog (seed 000)',
      line: `Apr 12 15:28:39 k8s-prd-standard-43.113 kubelet[3237254]: ${NESTED}`,
      want: { level: 'E', unit: 'kubelet', time: '2026-04-12T15:28:39.437Z' },
    },
    {
      name: 'journal short-iso prefix in +0800, klog in local time: fraction kept, zone from the journal',
      line: '2026-11-22T18:00:00+0800 node-1 kubelet[1234]: E1122 18:00:00.250000    1234 kubelet.go:2263] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m5.38s ago; threshold is 3m0s"',
      want: {
        time: '2026-11-22T10:00:00.250Z',
        unit: 'kubelet',
        message: 'Skipping pod synchronization',
        fields: {
          err: 'PLEG is not healthy: pleg was last seen active 3m5.38s ago; threshold is 3m0s',
          pid: '1234',
        },
      },
    },
    {
      name: 'structured klog with bracketed bare value',
      line: 'I1122 10:00:00.000000 123 kubelet.go:2190] "SyncLoop (PLEG): event for pod" pod="ns/p" event=&{ID:abc Type:ContainerDied Data:def}',
      want: {
        message: 'SyncLoop (PLEG): event for pod',
        fields: { pod: 'ns/p', event: '&{ID:abc Type:ContainerDied Data:def}', pid: '123' },
        time: '2026-11-22T10:00:00.000Z',
      },
    },
    {
      name: 'structured klog with escaped quotes',
      line: 'W1122 09:56:02.001200 2301 kubelet_volumes.go:152] "Cleanup of volume paths failed" err="orphaned pod \\"4c2a\\" found\\nnext" numErrs=3',
      want: { level: 'W', fields: { err: 'orphaned pod "4c2a" found\nnext', numErrs: '3', pid: '2301' } },
    },
    {
      name: 'quoted start that is prose, not structured',
      line: 'I1122 09:00:00.000000 1 x.go:1] "a" is not a key=value list',
      want: { message: '"a" is not a key=value list' },
    },
    {
      name: 'fatal klog (seed 002)',
      line: 'Apr 14 23:53:09 k8s-node-xxx kubelet[27036]: F0414 23:53:09.157669 27036 server.go:141] read /var/lib/kubelet/pki/kubelet.crt: input/output error',
      want: {
        level: 'F',
        sourceLoc: 'server.go:141',
        message: 'read /var/lib/kubelet/pki/kubelet.crt: input/output error',
      },
    },
    {
      name: 'non-klog kubelet line (seed 002)',
      line: 'Apr 14 23:53:08 k8s-node-xxx kubelet[31732]: log: exiting because of error: write /data/log/kubernetes/kubelet.log: input/output error',
      want: {
        unit: 'kubelet',
        message: 'log: exiting because of error: write /data/log/kubernetes/kubelet.log: input/output error',
        fields: { pid: '31732' },
      },
    },
    {
      name: 'systemd restart loop line kept with unit systemd',
      line: 'Apr 14 23:53:09 k8s-node-xxx systemd[1]: kubelet.service: main process exited, code=exited, status=255/n/a',
      want: { unit: 'systemd', message: 'kubelet.service: main process exited, code=exited, status=255/n/a' },
    },
    {
      name: 'journalctl -o json entry',
      line: '{"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1795341600250123","_HOSTNAME":"worker-17","SYSLOG_IDENTIFIER":"kubelet","_PID":"2301","MESSAGE":"E1122 10:00:00.250123    2301 kubelet.go:2263] \\"Skipping pod synchronization\\" err=\\"PLEG is not healthy\\""}',
      want: {
        time: '2026-11-22T10:00:00.250Z',
        unit: 'kubelet',
        level: 'E',
        message: 'Skipping pod synchronization',
        fields: { err: 'PLEG is not healthy', pid: '2301' },
      },
    },
    {
      name: 'journalctl -o json entry with a byte-array MESSAGE',
      line: '{"__REALTIME_TIMESTAMP":"1795341600000000","SYSLOG_IDENTIFIER":"kubelet","_PID":"7","MESSAGE":[104,195,169]}',
      want: { message: 'hé', unit: 'kubelet', time: '2026-11-22T10:00:00.000Z' },
    },
    {
      name: 'kubelet --logging-format=json behind a journal prefix',
      line: '2026-11-22T10:00:00+0000 w kubelet[9]: {"ts":1795341600250.123,"caller":"kubelet/kubelet.go:2263","msg":"Skipping pod synchronization","err":"PLEG is not healthy: pleg was last seen active 3m5s ago"}',
      want: {
        time: '2026-11-22T10:00:00.250Z',
        level: 'E',
        sourceLoc: 'kubelet.go:2263',
        message: 'Skipping pod synchronization',
        fields: { err: 'PLEG is not healthy: pleg was last seen active 3m5s ago', pid: '9' },
      },
    },
    {
      name: 'kubelet json with seconds ts and a nested object',
      line: '{"ts":1795341600.5,"caller":"prober/prober.go:107","msg":"Probe failed","v":0,"pod":{"name":"web-1","namespace":"default"}}',
      want: {
        time: '2026-11-22T10:00:00.500Z',
        level: 'I',
        fields: { v: '0', pod: '{"name":"web-1","namespace":"default"}' },
      },
    },
    {
      name: 'journal short-unix prefix',
      line: '1795341600.500000 node-1 kubelet[9]: I1122 10:00:00.500000 9 a.go:1] hi',
      want: { time: '2026-11-22T10:00:00.500Z', message: 'hi' },
    },
  ];
  it.each(cases)('$name', ({ line, want }) => {
    const { value, warnings } = parseKubeletLog(line, ctx);
    expect(warnings).toEqual([]);
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({ probe: 'kubelet-log', line: 1, lineCount: 1, ...want });
  });
});

describe('parseKubeletLog: records and fixtures', () => {
  it('journal short-iso probe output: relist times at microsecond precision, panic folded', () => {
    const { value, warnings } = parseKubeletLog(fixture('kubelet-journal-short-iso.txt'), ctx);
    expect(warnings).toEqual([]);
    const relist = value.filter((e) => e.message === 'GenericPLEG: Relisting').map((e) => e.time);
    expect(relist).toEqual([
      '2026-11-22T09:48:05.912Z',
      '2026-11-22T09:48:06.913Z',
      '2026-11-22T09:48:07.914Z',
      '2026-11-22T09:48:49.302Z',
    ]);
    const panic = value.find((e) => e.message.startsWith('Observed a panic'));
    expect(panic).toMatchObject({ line: 13, lineCount: 3 });
    expect(panic?.message).toContain('\n        goroutine 412 [running]:');
    expect(value.filter((e) => e.unit === 'systemd')).toHaveLength(5);
    expect(value).toHaveLength(19);
  });

  it('syslog mix (seed 002): kubelet and kubelet-unit systemd lines only, no kernel wrap leaking in', () => {
    const { value, warnings } = parseKubeletLog(fixture('syslog-mixed-messages.txt'), {
      referenceTime: '2019-04-15T00:00:00Z',
    });
    expect(value.map((e) => e.unit)).toEqual([
      'kubelet',
      ...Array(6).fill('systemd'),
      'kubelet',
      'kubelet',
      ...Array(5).fill('systemd'),
    ]);
    expect(value.filter((e) => /status=(255|2)\//.test(e.message)).map((e) => e.time)).toEqual([
      '2019-04-14T23:53:08.000Z',
      '2019-04-14T23:53:09.000Z',
    ]);
    expect(warnings[0]?.message).toContain('kernel: 11');
  });

  it('wrapped lines rejoin; bare prose lines stay separate; markers skipped', () => {
    const text = [
      '-- Logs begin at Sun 2026-11-22 08:00:00 UTC, end at Sun 2026-11-22 10:00:00 UTC. --',
      'E1122 09:00:00.000000 1 kubelet.go:1] "Skipping pod synchronization" err="PLEG is not',
      'healthy: pleg was last seen active 3m5s ago"',
      '-- No entries --',
      'plain line one',
      'plain line two',
      '-- Boot 3f2a9c1e4b5d4e6f8a7b9c0d1e2f3a4b --',
    ].join('\n');
    const { value } = parseKubeletLog(text, ctx);
    expect(value.map((e) => [e.line, e.lineCount, e.message])).toEqual([
      [2, 2, 'Skipping pod synchronization'],
      [5, 1, 'plain line one'],
      [6, 1, 'plain line two'],
    ]);
    expect(value[0]?.fields?.err).toBe('PLEG is not healthy: pleg was last seen active 3m5s ago');
  });

  it('a glog kubelet.INFO file: header skipped, its creation date gives the year, across New Year', () => {
    const text = [
      'Log file created at: 2023/12/31 23:59:58',
      'Running on machine: k8s-node-xxx',
      'Binary: Built with gc go1.12.9 for linux/amd64',
      'Log line format: [IWEF]mmdd hh:mm:ss.uuuuuu threadid file:line] msg',
      'I1231 23:59:58.100000   31732 server.go:416] Version: v1.16.6',
      'E0101 00:00:03.200000   31732 kubelet.go:2187] Container runtime network not ready',
    ].join('\n');
    const { value, warnings } = parseKubeletLog(text);
    expect(warnings).toEqual([]);
    expect(value.map((e) => [e.line, e.time])).toEqual([
      [5, '2023-12-31T23:59:58.100Z'],
      [6, '2024-01-01T00:00:03.200Z'],
    ]);
  });

  it('drops terminal colour codes from journalctl captured in a terminal', () => {
    const text =
      '\x1b[0;1;31mApr 14 23:53:09 n kubelet[27036]: F0414 23:53:09.157669 27036 server.go:141] read failed\x1b[0m\r\nplain\n';
    const { value } = parseKubeletLog(text, ctx);
    expect(value[0]).toMatchObject({
      level: 'F',
      message: 'read failed\nplain',
      lineCount: 2,
      unit: 'kubelet',
    });
  });

  it('keeps events without a time when no reference time is given, with one warning', () => {
    const { value, warnings } = parseKubeletLog(`${NESTED}\n${NESTED}`);
    expect(value).toHaveLength(2);
    expect(value[0]?.time).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('parses a cut last line', () => {
    const { value } = parseKubeletLog(`${NESTED}\nE0412 15:28:4`, ctx);
    expect(value).toHaveLength(1);
    expect(value[0]?.lineCount).toBe(2);
  });

  it('parses 50,000 journal lines in time linear in their number', () => {
    // CPU time against four runs of the quarter-size input, so garbage collection hits both
    // sides alike: linear code stays near 4x, per-line work that grows with the input reaches
    // 16x. Absolute speed belongs to the core benchmark.
    const small = kubeletJournal(12_500);
    const large = kubeletJournal(50_000);
    expect(parseKubeletLog(large, ctx).value).toHaveLength(50_000);
    const g = growth((text: string) => parseKubeletLog(text, ctx), small, large, 4, 2_000);
    expect(g.ratio).toBeLessThan(9);
  });
});
