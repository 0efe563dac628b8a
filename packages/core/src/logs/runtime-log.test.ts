import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../model/node-state.ts';
import { parseRuntimeLog } from './runtime-log.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const ctx = { referenceTime: '2023-06-15T07:00:00Z' };

describe('parseRuntimeLog: line shapes', () => {
  const cases: { name: string; line: string; want: Partial<LogEvent> }[] = [
    {
      name: 'containerd logfmt with error field (incident B)',
      line: 'time="2023-06-12T05:48:49.123456789Z" level=error msg="failed to handle container TaskExit event &TaskExit{ID:8f71}" error="failed to stop container: failed to delete task: context deadline exceeded: unknown"',
      want: {
        time: '2023-06-12T05:48:49.123Z',
        level: 'E',
        message:
          'failed to handle container TaskExit event &TaskExit{ID:8f71}: failed to stop container: failed to delete task: context deadline exceeded: unknown',
        fields: {
          error: 'failed to stop container: failed to delete task: context deadline exceeded: unknown',
        },
      },
    },
    {
      name: 'JSON line (seed 001) behind a journal prefix',
      line: '2023-06-15T06:39:46+0000 w containerd[2206]: {"error":"context deadline exceeded: unknown","level":"error","msg":"failed to handle container TaskExit event \\u0026TaskExit{}","time":"2023-06-15T06:39:46.568049942Z"}',
      want: {
        unit: 'containerd',
        level: 'E',
        time: '2023-06-15T06:39:46.568Z',
        message: 'failed to handle container TaskExit event &TaskExit{}: context deadline exceeded: unknown',
        fields: { error: 'context deadline exceeded: unknown', pid: '2206' },
      },
    },
    {
      name: 'dockerd in syslog with a +08:00 logfmt time',
      line: 'Apr 14 23:53:01 k8s-node-xxx dockerd[1893]: time="2019-04-14T23:53:01.892211342+08:00" level=warning msg="Your kernel does not support swap memory limit"',
      want: {
        unit: 'dockerd',
        level: 'W',
        time: '2019-04-14T15:53:01.892Z',
        message: 'Your kernel does not support swap memory limit',
      },
    },
    {
      name: 'journalctl -o json entry carrying a logfmt message',
      line: '{"__REALTIME_TIMESTAMP":"1686808189000000","SYSLOG_IDENTIFIER":"containerd","_PID":"2206","MESSAGE":"time=\\"2023-06-15T05:49:49.5Z\\" level=error msg=\\"StopContainer failed\\" error=\\"context deadline exceeded\\""}',
      want: {
        unit: 'containerd',
        level: 'E',
        time: '2023-06-15T05:49:49.500Z',
        message: 'StopContainer failed: context deadline exceeded',
        fields: { error: 'context deadline exceeded', pid: '2206' },
      },
    },
    {
      name: 'dockerd TTY format',
      line: 'ERRO[0012] Handler for DELETE /containers/9caa returned error: device or resource busy  container=9caa',
      want: {
        level: 'E',
        message: 'Handler for DELETE /containers/9caa returned error: device or resource busy',
        fields: { container: '9caa' },
      },
    },
    {
      name: 'CRI-O file line with a leading RFC 3339 time',
      line: '2023-06-15T06:40:00.250000000Z level=info msg="Stopping pod sandbox" id=abc',
      want: {
        level: 'I',
        time: '2023-06-15T06:40:00.250Z',
        message: 'Stopping pod sandbox',
        fields: { id: 'abc' },
      },
    },
    {
      name: 'plain message keeps the prefix time',
      line: '2023-06-15T06:39:52+0000 w containerd[2206]: goroutine 1654 [select]:',
      want: { time: '2023-06-15T06:39:52.000Z', message: 'goroutine 1654 [select]:' },
    },
    {
      name: 'systemd line about containerd',
      line: 'Jun 15 06:39:51 w systemd[1]: containerd.service: Found left-over process 41122 (containerd-shim) in control group while starting unit. Ignoring.',
      want: { unit: 'systemd', time: '2023-06-15T06:39:51.000Z' },
    },
  ];
  it.each(cases)('$name', ({ line, want }) => {
    const { value, warnings } = parseRuntimeLog(line, ctx);
    expect(warnings).toEqual([]);
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({ probe: 'runtime-log', line: 1, lineCount: 1, ...want });
  });
});

describe('parseRuntimeLog: records and fixtures', () => {
  it('journal probe output: wrapped JSON rejoined, indented goroutine lines folded', () => {
    const { value, warnings } = parseRuntimeLog(fixture('runtime-containerd-journal.txt'), ctx);
    expect(warnings).toEqual([]);
    expect(value.map((e) => [e.line, e.lineCount, e.level])).toEqual([
      [2, 1, 'I'],
      [3, 1, 'E'],
      [4, 1, 'E'],
      [5, 1, 'W'],
      [6, 2, 'E'],
      [8, 1, 'E'],
      [9, 1, undefined],
      [10, 1, undefined],
      [11, 2, undefined],
    ]);
    const wrapped = value[4];
    expect(wrapped?.time).toBe('2023-06-15T06:39:46.568Z');
    expect(wrapped?.message).toMatch(
      /^failed to handle container TaskExit event &TaskExit\{.*: failed to stop container: failed to delete task: context deadline exceeded: unknown$/,
    );
    expect(value.filter((e) => e.message.includes('context deadline exceeded'))).toHaveLength(3);
    expect(value[5]?.unit).toBe('dockerd');
  });

  it('syslog mix: runtime lines only', () => {
    const { value, warnings } = parseRuntimeLog(fixture('syslog-mixed-messages.txt'), {
      referenceTime: '2019-04-15T00:00:00Z',
    });
    expect(value.map((e) => e.unit)).toEqual(['dockerd', 'containerd']);
    expect(value[0]?.message).toContain('input/output error');
    expect(warnings[0]?.message).toContain('kernel: 11');
  });

  it('bare unstructured lines stay one event each; a cut last line is kept', () => {
    const { value } = parseRuntimeLog('hello\nworld\ntime="2023-06-15T06:40:00Z" level=error msg="cut he');
    expect(value.map((e) => [e.line, e.message, e.level])).toEqual([
      [1, 'hello', undefined],
      [2, 'world', undefined],
      [3, 'cut he', 'E'],
    ]);
  });
});
