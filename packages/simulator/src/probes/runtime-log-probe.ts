import type { NodeContext } from '../generate/node-context.ts';
import { rfc3339Nano } from '../generate/format-time.ts';
import type { LogEntry } from '../generate/log-entry.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { daemonPids } from '../model/daemons.ts';
import { journalLine, journalText, logWindow } from './journal.ts';

/** containerd and dockerd log through logrus: `time="…" level=info msg="…"`. */
export function logrus(ms: number, level: string, msg: string, extra = ''): string {
  return `time="${rfc3339Nano(ms, 417_233)}" level=${level} msg=${JSON.stringify(msg)}${extra}`;
}

export function runtimeLogProbe(ctx: NodeContext): ProbeResult {
  const { from, to } = logWindow(ctx);
  const d = daemonPids(ctx);
  const out: LogEntry[] = [];
  const docker = ctx.profile.runtime === 'docker';
  for (const pod of ctx.pods) {
    for (const c of pod.containers) {
      if (c.createdMs < from || c.createdMs > to) continue;
      if (docker) {
        out.push(
          journalLine(
            ctx,
            c.createdMs + 900,
            'dockerd',
            d.dockerd,
            logrus(
              c.createdMs + 900,
              'info',
              'ignoring event',
              ` container=${c.id} module=libcontainerd namespace=moby topic=/tasks/create type="*events.TaskCreate"`,
            ),
          ),
        );
      } else {
        out.push(
          journalLine(
            ctx,
            c.createdMs,
            'containerd',
            d.containerd,
            logrus(
              c.createdMs,
              'info',
              `CreateContainer within sandbox "${pod.sandboxId}" for container &ContainerMetadata{Name:${c.name},Attempt:${c.attempt},}`,
            ),
          ),
        );
        out.push(
          journalLine(
            ctx,
            c.createdMs + 850,
            'containerd',
            d.containerd,
            logrus(c.createdMs + 850, 'info', `StartContainer for "${c.id}" returns successfully`),
          ),
        );
      }
    }
  }
  out.push(...(ctx.hooks.runtimeLog?.(ctx, from, to) ?? []));
  const text = journalText(out);
  return ok(text, 45 + Math.floor(text.length / 40_000));
}
