import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load.test-support.ts';
import { parseSystemd } from './systemd.ts';

describe('parseSystemd', () => {
  it('parses the probe output of a real host without systemd', () => {
    const r = parseSystemd(fixture('real-systemd.txt'));
    expect(r.warnings).toEqual([]);
    expect(r.value).toMatchObject({
      pingTimedOut: false,
      pingError: 'Failed to connect to bus: No such file or directory',
      systemState: 'offline',
      failedUnits: [],
    });
    expect(r.value.errors.map((e) => e.line)).toEqual([2, 5, 6]);
  });

  const cases: { name: string; text: string; want: object }[] = [
    {
      name: 'healthy node',
      text: 'ping_rc=0 ping_ms=3\nstate=running\n## failed units\n',
      want: { pingMs: 3, pingTimedOut: false, systemState: 'running', failedUnits: [], errors: [] },
    },
    {
      name: 'busctl killed by timeout (incident E)',
      text: 'ping_rc=124 ping_ms=5003\nstate=running\n## failed units\n',
      want: { pingMs: 5003, pingTimedOut: true, pingError: 'no answer (exit 124, timed out)' },
    },
    {
      name: 'timeout had to SIGKILL',
      text: 'ping_rc=137 ping_ms=5010\n',
      want: { pingTimedOut: true },
    },
    {
      name: 'dbus-daemon activation timeout',
      text: [
        'ping_rc=1 ping_ms=25013',
        "ping_output=Failed to activate service 'org.freedesktop.systemd1': timed out (service_start_timeout=25000ms)",
        'state=degraded',
        '## failed units',
        'kubelet.service loaded failed failed kubelet: The Kubernetes Node Agent',
        '● containerd.service loaded failed failed containerd container runtime',
      ].join('\n'),
      want: {
        pingTimedOut: true,
        pingError:
          "Failed to activate service 'org.freedesktop.systemd1': timed out (service_start_timeout=25000ms)",
        systemState: 'degraded',
        failedUnits: ['kubelet.service', 'containerd.service'],
        errors: [
          {
            text: "Failed to activate service 'org.freedesktop.systemd1': timed out (service_start_timeout=25000ms)",
            line: 2,
          },
        ],
      },
    },
    {
      name: 'multi-line ping output and systemctl errors',
      text: [
        'ping_rc=1 ping_ms=90',
        'ping_output=Call failed: Connection timed out',
        'more detail',
        'state=Failed to connect to bus: Connection timed out',
        '## failed units',
        'Failed to list units: Connection timed out',
      ].join('\n'),
      want: {
        pingTimedOut: true,
        pingError: 'Call failed: Connection timed out',
        errors: [
          { text: 'Call failed: Connection timed out', line: 2 },
          { text: 'Failed to connect to bus: Connection timed out', line: 4 },
          { text: 'Failed to list units: Connection timed out', line: 6 },
        ],
      },
    },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    const r = parseSystemd(text);
    expect(r.value).toMatchObject(want);
    expect(r.warnings).toEqual([]);
  });

  it('warns about lines it does not know', () => {
    const r = parseSystemd('ping_rc=0 ping_ms=2\nwhat is this\n');
    expect(r.warnings).toEqual([expect.objectContaining({ probe: 'systemd', line: 2 })]);
  });
});
