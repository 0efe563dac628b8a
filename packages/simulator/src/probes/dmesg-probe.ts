import type { NodeContext } from '../generate/node-context.ts';
import { dmesgIsoTime } from '../generate/format-time.ts';
import { type LogEntry, sortEntries } from '../generate/log-entry.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';

/** A kernel message at an absolute instant, rendered the way `dmesg --time-format iso` shows it. */
export function kmsg(ms: number, text: string, micro = 0): LogEntry {
  return { ms, text: `${dmesgIsoTime(ms, micro)} ${text}` };
}

function bootLines(ctx: NodeContext): LogEntry[] {
  const b = ctx.boot;
  const p = ctx.profile;
  const lines = [
    `Linux version ${p.distro.kernelRelease} (builder@buildhost) (gcc version 8.5.0) ${p.distro.kernelVersion}`,
    `Command line: BOOT_IMAGE=/boot/vmlinuz-${p.distro.kernelRelease} root=UUID=1612a49b-a79d-4e87-819a-a5bad80fe2a9 ro console=ttyS0,115200n8 net.ifnames=0`,
    "x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'",
    `smpboot: Allowing ${p.cpus} CPUs, 0 hotplug CPUs`,
    `Memory: ${Math.floor(p.memTotalKb * 0.98)}K/${p.memTotalKb + 262_144}K available`,
    'virtio_blk virtio2: [vda] 251658240 512-byte logical blocks (129 GB/120 GiB)',
    ' vda: vda1',
    p.distro.rootFs === 'xfs'
      ? 'XFS (vda1): Mounting V5 Filesystem'
      : 'EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)',
    'systemd[1]: Detected virtualization kvm.',
    'IPv6: ADDRCONF(NETDEV_UP): eth0: link is not ready',
  ];
  if (p.dataDisk)
    lines.push(
      'virtio_blk virtio3: [vdb] 1048576000 512-byte logical blocks (537 GB/500 GiB)',
      'EXT4-fs (vdb): mounted filesystem with ordered data mode. Opts: (null)',
    );
  return lines.map((t, i) => kmsg(b + 20 + i * 37, t, i));
}

export function dmesgProbe(ctx: NodeContext): ProbeResult {
  const entries: LogEntry[] = bootLines(ctx);
  for (const pod of ctx.pods) {
    if (pod.hostNetwork) continue;
    entries.push(
      kmsg(
        pod.createdMs + 700,
        `IPv6: ADDRCONF(NETDEV_CHANGE): cali${pod.uid.slice(0, 11).replace(/-/g, '')}: link becomes ready`,
      ),
    );
  }
  entries.push(...(ctx.hooks.dmesg?.(ctx) ?? []));
  const sorted = sortEntries(entries.filter((e) => e.ms <= ctx.at));
  const cut = sorted.length > 20_000 ? sorted.slice(sorted.length - 20_000) : sorted;
  const text = cut.length ? `${cut.map((e) => e.text).join('\n')}\n` : '';
  return ok(text, 12 + Math.floor(cut.length / 1000));
}
