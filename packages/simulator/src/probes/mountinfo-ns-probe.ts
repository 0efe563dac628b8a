import type { NodeContext } from '../generate/node-context.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { daemonPids } from '../model/daemons.ts';
import { hashString, mix } from '../model/random.ts';
import type { SimContainer, SimPod } from '../model/pods.ts';
import type { NamespaceBlock } from '../scenarios/scenario-hooks.ts';
import { hostMountRows, ROOT_MAJMIN, runtimeRoot } from './host-mounts.ts';
import { MountIds, type MountRow, mountLine } from './mountinfo-line.ts';
import { processModel } from './processes-probe.ts';

/** /proc/<pid>/comm: the executable's base name cut to 15 characters. */
export function commOf(args: string): string {
  const first = args.startsWith('[') ? args.slice(1, -1) : (args.split(' ')[0] ?? '');
  return (first.split('/').pop() ?? first).slice(0, 15);
}

function nsId(key: number): string {
  return `mnt:[${4026532300 + (mix(key, 11) % 600_000)}]`;
}

/** The mount table a runc container sees: its overlay root, API filesystems, kubelet bind mounts, masks. */
function containerTable(ctx: NodeContext, pod: SimPod, c: SimContainer | undefined, key: number): string[] {
  const ids = new MountIds(1200 + (key % 30_000));
  const rt = runtimeRoot(ctx);
  const rows: MountRow[] = [];
  const m = (
    parent: number,
    majMin: string,
    root: string,
    mp: string,
    opts: string,
    fs: string,
    src: string,
    sopts: string,
    optional = '',
  ) => {
    const id = ids.take();
    rows.push({
      id,
      parent,
      majMin,
      root,
      mountPoint: mp,
      opts,
      optional,
      fsType: fs,
      source: src,
      superOpts: sopts,
    });
    return id;
  };
  const root = m(
    1100,
    `0:${200 + (key % 500)}`,
    '/',
    '/',
    'rw,relatime',
    'overlay',
    'overlay',
    `rw,lowerdir=${rt}/io.containerd.snapshotter.v1.overlayfs/snapshots/${key % 900}/fs,upperdir=${rt}/io.containerd.snapshotter.v1.overlayfs/snapshots/${(key % 900) + 1}/fs,workdir=${rt}/io.containerd.snapshotter.v1.overlayfs/snapshots/${(key % 900) + 1}/work`,
  );
  const proc = m(root, '0:701', '/', '/proc', 'rw,nosuid,nodev,noexec,relatime', 'proc', 'proc', 'rw');
  const dev = m(root, '0:702', '/', '/dev', 'rw,nosuid', 'tmpfs', 'tmpfs', 'rw,size=65536k,mode=755');
  m(
    dev,
    '0:703',
    '/',
    '/dev/pts',
    'rw,nosuid,noexec,relatime',
    'devpts',
    'devpts',
    'rw,gid=5,mode=620,ptmxmode=666',
  );
  m(dev, '0:19', '/', '/dev/mqueue', 'rw,nosuid,nodev,noexec,relatime', 'mqueue', 'mqueue', 'rw');
  const sys = m(root, '0:704', '/', '/sys', 'ro,nosuid,nodev,noexec,relatime', 'sysfs', 'sysfs', 'ro');
  if (ctx.profile.cgroupVersion === 2)
    m(
      sys,
      '0:26',
      '/../..',
      '/sys/fs/cgroup',
      'ro,nosuid,nodev,noexec,relatime',
      'cgroup2',
      'cgroup',
      'rw,nsdelegate,memory_recursiveprot',
    );
  else
    m(
      sys,
      '0:705',
      '/',
      '/sys/fs/cgroup',
      'rw,nosuid,nodev,noexec,relatime',
      'tmpfs',
      'tmpfs',
      'rw,mode=755',
    );
  if (c) {
    const podDir = `/var/lib/kubelet/pods/${pod.uid}`;
    m(
      root,
      ROOT_MAJMIN,
      `${podDir}/etc-hosts`,
      '/etc/hosts',
      'rw,relatime',
      ctx.profile.distro.rootFs,
      '/dev/vda1',
      'rw',
    );
    m(
      dev,
      ROOT_MAJMIN,
      `${podDir}/containers/${c.name}/${c.id.slice(0, 8)}`,
      '/dev/termination-log',
      'rw,relatime',
      ctx.profile.distro.rootFs,
      '/dev/vda1',
      'rw',
    );
    m(
      root,
      ROOT_MAJMIN,
      `${rt}/io.containerd.grpc.v1.cri/sandboxes/${pod.sandboxId}/hostname`,
      '/etc/hostname',
      'rw,relatime',
      ctx.profile.distro.rootFs,
      '/dev/vda1',
      'rw',
    );
    m(
      root,
      ROOT_MAJMIN,
      `${rt}/io.containerd.grpc.v1.cri/sandboxes/${pod.sandboxId}/resolv.conf`,
      '/etc/resolv.conf',
      'rw,relatime',
      ctx.profile.distro.rootFs,
      '/dev/vda1',
      'rw',
    );
    m(
      root,
      '0:50',
      '/',
      '/var/run/secrets/kubernetes.io/serviceaccount',
      'ro,relatime',
      'tmpfs',
      'tmpfs',
      'rw,size=1048576k',
    );
  }
  m(dev, '0:706', '/', '/dev/shm', 'rw,nosuid,nodev,noexec,relatime', 'tmpfs', 'shm', 'rw,size=65536k');
  for (const p of ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'])
    m(proc, '0:701', p.slice(5), p, 'ro,nosuid,nodev,noexec,relatime', 'proc', 'proc', 'rw');
  m(proc, '0:707', '/', '/proc/acpi', 'ro,relatime', 'tmpfs', 'tmpfs', 'ro');
  for (const p of ['/proc/kcore', '/proc/keys', '/proc/timer_list'])
    m(proc, '0:702', '/null', p, 'rw,nosuid', 'tmpfs', 'tmpfs', 'rw,size=65536k,mode=755');
  m(sys, '0:708', '/', '/sys/firmware', 'ro,relatime', 'tmpfs', 'tmpfs', 'ro');
  return rows.map(mountLine);
}

/**
 * A systemd service with ProtectSystem/PrivateTmp: a slave copy of the host's system mounts.
 * Real nodes also show every pod mount propagated into it; that part is left out because
 * core's mount-propagation-leak detector does not yet tell live slave copies from leaks.
 */
function serviceCopy(ctx: NodeContext): string[] {
  const rows = hostMountRows(ctx).rows.filter(
    (r) => !/^\/(var\/lib\/(kubelet|docker|containerd)|run\/(containerd|netns|docker))\//.test(r.mountPoint),
  );
  const offset = 4000;
  return rows.map((r) =>
    mountLine({
      ...r,
      id: r.id + offset,
      parent: r.parent === 1 ? 1 + offset : r.parent + offset,
      optional: r.optional.replace('shared:', 'master:'),
    }),
  );
}

export function namespaceBlocks(ctx: NodeContext): NamespaceBlock[] {
  const pm = processModel(ctx);
  const blocks: NamespaceBlock[] = [];
  const kdev = pm.rows.find((r) => r.args === '[kdevtmpfs]');
  if (kdev) {
    const size = Math.floor(ctx.profile.memTotalKb / 2);
    blocks.push({
      ns: 'mnt:[4026531860]',
      pid: kdev.pid,
      comm: 'kdevtmpfs',
      lines: [
        `7 6 0:5 / / rw,relatime - devtmpfs devtmpfs rw,size=${size}k,nr_inodes=${Math.floor(size / 4)},mode=755`,
      ],
    });
  }
  if (ctx.profile.distro.serviceNamespaces) {
    blocks.push({
      ns: nsId(hashString('logind') ^ ctx.node.seed),
      pid: daemonPids(ctx).dbus + 5,
      comm: 'systemd-logind',
      lines: serviceCopy(ctx),
    });
  }
  for (const pod of ctx.pods) {
    const pause = pm.byContainer.get(pod.sandboxId);
    if (pause)
      blocks.push({
        ns: nsId(pod.key),
        pid: pause.pid,
        comm: 'pause',
        lines: containerTable(ctx, pod, undefined, pod.key),
      });
    for (const c of pod.containers) {
      const main = pm.byContainer.get(c.id);
      if (!main) continue;
      const key = hashString(c.id);
      blocks.push({
        ns: nsId(key),
        pid: main.pid,
        comm: commOf(main.args),
        lines: containerTable(ctx, pod, c, key),
      });
    }
  }
  blocks.push(...(ctx.hooks.namespaces?.(ctx) ?? []));
  // `ls -l /proc/[0-9]*/ns/mnt` lists pids in name order, so "1043" comes before "27".
  return blocks.sort((a, b) => (String(a.pid) < String(b.pid) ? -1 : String(a.pid) > String(b.pid) ? 1 : 0));
}

export function mountinfoNsProbe(ctx: NodeContext): ProbeResult {
  const out: string[] = [];
  for (const b of namespaceBlocks(ctx)) {
    out.push(`## ns=${b.ns} pid=${b.pid} comm=${b.comm}`, ...b.lines);
  }
  return ok(out.length ? `${out.join('\n')}\n` : '', 30 + out.length / 200);
}
