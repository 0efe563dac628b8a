import { runcLingering, systemdAnswers } from '../checks/runtime-checks.ts';
import { fmtSeconds } from '../../metrics/format.ts';
import { chainOf, type ConclusionDef, n } from './conclusion-def.ts';

/** Seed E: systemd stops answering on D-Bus; runc blocks creating scopes; containers never start. */
export const systemdDbusHang: ConclusionDef = {
  id: 'systemd-dbus-hang',
  title: 'systemd not answering on D-Bus: runc hangs, containers never start',
  priority: 70,
  rules: ['systemd-unresponsive', 'runc-stuck', 'hung-task', 'runtime-slow'],
  fill: (ctx) => {
    const sd = ctx.check(systemdAnswers).facts;
    const runc = ctx.check(runcLingering);
    const how = sd.probeTimedOut
      ? 'the timed probe of org.freedesktop.systemd1 itself timed out'
      : sd.pingTimedOut
        ? 'the D-Bus ping of org.freedesktop.systemd1 timed out'
        : `the D-Bus ping took ${n(sd.pingMs)} ms`;
    return {
      chain: chainOf(
        `systemd (PID 1) does not answer on D-Bus: ${how}`,
        runc.verdict === 'confirmed' &&
          `runc blocks writing to the systemd bus to create container scopes: ${n(runc.facts.total)} runc processes older than 60 s (${n(runc.facts.dState)} tasks in D state, oldest ${typeof runc.facts.oldestSeconds === 'number' ? fmtSeconds(runc.facts.oldestSeconds) : '?'})`,
        'Containers never start: pods stay in ContainerCreating and the runtime piles up runc processes',
      ),
      remediation: [
        {
          command: 'timeout 5 busctl tree org.freedesktop.systemd1; busctl --system list | wc -l',
          risk: 'low',
          note: 'Confirms the hang (no answer) and shows whether the bus name space is exhausted (huge :1.N numbers).',
          verify: 'The tree does not print within 5 s on the sick node, and does on a healthy one.',
        },
        {
          command: 'systemctl daemon-reexec',
          risk: 'medium',
          note: 'Re-executes PID 1 in place; running services keep running. It recovered the seed node where restarting dbus did not (restarting dbus can make it worse). If PID 1 is wedged it may not come back cleanly: have console access and drain the node first in production.',
          verify:
            '`timeout 5 busctl call org.freedesktop.systemd1 /org/freedesktop/systemd1 org.freedesktop.DBus.Peer Ping` returns; `pgrep -c runc` falls; new pods start.',
        },
      ],
      followUps: [
        'Alert on the systemd D-Bus ping above 1,000 ms or timing out (systemd.ping_ms, probe timeout).',
        'Alert on runc processes older than 5 minutes.',
      ],
    };
  },
};
