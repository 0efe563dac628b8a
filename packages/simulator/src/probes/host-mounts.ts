import type { NodeContext } from '../generate/node-context.ts';
import { hashString, mix } from '../model/random.ts';
import type { HostMountRefs } from '../scenarios/scenario-hooks.ts';
import { MountIds, type MountRow, mountLine } from './mountinfo-line.ts';

export const ROOT_MAJMIN = '253:1';
export const DATA_MAJMIN = '253:16';

const V1_CONTROLLERS = [
  'systemd',
  'cpu,cpuacct',
  'memory',
  'blkio',
  'cpuset',
  'devices',
  'freezer',
  'net_cls,net_prio',
  'perf_event',
  'hugetlb',
  'pids',
];

/** Where the node keeps container state: on the data disk when it has one. */
export function runtimeRoot(ctx: NodeContext): string {
  return ctx.profile.runtime === 'docker' ? ctx.profile.dockerRoot : '/var/lib/containerd';
}

/**
 * The host mount table (/proc/1/mountinfo) of a node at `ctx.at`: system filesystems, the
 * root and data disks, and per pod the kubelet volume and runtime mounts. Returns the rows
 * (so namespaces can copy them) and the ids scenarios attach their mounts to.
 */
export function hostMountRows(ctx: NodeContext): { rows: MountRow[]; refs: HostMountRefs; ids: MountIds } {
  const base = ctx.memo('host-mounts', () => buildHostMountRows(ctx));
  // Scenarios continue numbering from here, so each caller gets its own id counter.
  return { ...base, ids: new MountIds(base.ids.peek()) };
}

function buildHostMountRows(ctx: NodeContext): { rows: MountRow[]; refs: HostMountRefs; ids: MountIds } {
  const p = ctx.profile;
  const ids = new MountIds(21);
  let peer = 1;
  const rows: MountRow[] = [];
  const add = (
    parent: number,
    majMin: string,
    root: string,
    mp: string,
    opts: string,
    fs: string,
    src: string,
    sopts: string,
    shared = true,
  ) => {
    const r: MountRow = {
      id: ids.take(),
      parent,
      majMin,
      root,
      mountPoint: mp,
      opts,
      optional: shared ? `shared:${peer++}` : '',
      fsType: fs,
      source: src,
      superOpts: sopts,
    };
    rows.push(r);
    return r.id;
  };
  const rootFs = p.distro.rootFs;
  const rootOpts = rootFs === 'xfs' ? 'rw,attr2,inode64,logbufs=8,logbsize=32k,noquota' : 'rw';
  const sysId = add(0, '0:20', '/', '/sys', 'rw,nosuid,nodev,noexec,relatime', 'sysfs', 'sysfs', 'rw');
  const procId = add(0, '0:21', '/', '/proc', 'rw,nosuid,nodev,noexec,relatime', 'proc', 'proc', 'rw');
  const mem = Math.floor(p.memTotalKb / 2);
  const devId = add(
    0,
    '0:5',
    '/',
    '/dev',
    'rw,nosuid,relatime',
    'devtmpfs',
    'udev',
    `rw,size=${mem}k,nr_inodes=${Math.floor(mem / 4)},mode=755`,
  );
  add(
    devId,
    '0:22',
    '/',
    '/dev/pts',
    'rw,nosuid,noexec,relatime',
    'devpts',
    'devpts',
    'rw,gid=5,mode=620,ptmxmode=000',
  );
  const runId = add(
    0,
    '0:23',
    '/',
    '/run',
    'rw,nosuid,nodev,noexec,relatime',
    'tmpfs',
    'tmpfs',
    `rw,size=${Math.floor(p.memTotalKb / 10)}k,mode=755`,
  );
  const rootId = ids.take();
  rows.push({
    id: rootId,
    parent: 1,
    majMin: ROOT_MAJMIN,
    root: '/',
    mountPoint: '/',
    opts: 'rw,relatime',
    optional: `shared:${peer++}`,
    fsType: rootFs,
    source: '/dev/vda1',
    superOpts: rootOpts,
  });
  for (const r of rows) if (r.parent === 0) r.parent = rootId;
  add(
    sysId,
    '0:6',
    '/',
    '/sys/kernel/security',
    'rw,nosuid,nodev,noexec,relatime',
    'securityfs',
    'securityfs',
    'rw',
  );
  add(devId, '0:24', '/', '/dev/shm', 'rw,nosuid,nodev', 'tmpfs', 'tmpfs', 'rw');
  add(runId, '0:25', '/', '/run/lock', 'rw,nosuid,nodev,noexec,relatime', 'tmpfs', 'tmpfs', 'rw,size=5120k');
  if (p.cgroupVersion === 2) {
    add(
      sysId,
      '0:26',
      '/',
      '/sys/fs/cgroup',
      'rw,nosuid,nodev,noexec,relatime',
      'cgroup2',
      'cgroup2',
      'rw,nsdelegate,memory_recursiveprot',
    );
  } else {
    const cg = add(
      sysId,
      '0:26',
      '/',
      '/sys/fs/cgroup',
      'ro,nosuid,nodev,noexec',
      'tmpfs',
      'tmpfs',
      'ro,mode=755',
    );
    V1_CONTROLLERS.forEach((c, i) => {
      const sopts =
        c === 'systemd'
          ? 'rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd'
          : `rw,${c}`;
      add(
        cg,
        `0:${27 + i}`,
        '/',
        `/sys/fs/cgroup/${c}`,
        'rw,nosuid,nodev,noexec,relatime',
        'cgroup',
        'cgroup',
        sopts,
      );
    });
  }
  add(sysId, '0:40', '/', '/sys/fs/pstore', 'rw,nosuid,nodev,noexec,relatime', 'pstore', 'pstore', 'rw');
  add(sysId, '0:41', '/', '/sys/fs/bpf', 'rw,nosuid,nodev,noexec,relatime', 'bpf', 'bpf', 'rw,mode=700');
  add(
    procId,
    '0:42',
    '/',
    '/proc/sys/fs/binfmt_misc',
    'rw,relatime',
    'autofs',
    'systemd-1',
    'rw,fd=29,pgrp=1,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=17338',
  );
  add(devId, '0:19', '/', '/dev/mqueue', 'rw,nosuid,nodev,noexec,relatime', 'mqueue', 'mqueue', 'rw');
  add(devId, '0:43', '/', '/dev/hugepages', 'rw,relatime', 'hugetlbfs', 'hugetlbfs', 'rw,pagesize=2M');
  add(sysId, '0:7', '/', '/sys/kernel/debug', 'rw,nosuid,nodev,noexec,relatime', 'debugfs', 'debugfs', 'rw');
  add(
    sysId,
    '0:44',
    '/',
    '/sys/fs/fuse/connections',
    'rw,nosuid,nodev,noexec,relatime',
    'fusectl',
    'fusectl',
    'rw',
  );
  add(
    sysId,
    '0:45',
    '/',
    '/sys/kernel/config',
    'rw,nosuid,nodev,noexec,relatime',
    'configfs',
    'configfs',
    'rw',
  );
  let dataId: number | undefined;
  const rtRoot = runtimeRoot(ctx);
  if (p.dataDisk) {
    dataId = add(rootId, DATA_MAJMIN, '/', rtRoot, 'rw,relatime', 'ext4', '/dev/vdb', 'rw');
  }
  add(
    runId,
    '0:46',
    '/',
    `/run/user/0`,
    'rw,nosuid,nodev,relatime',
    'tmpfs',
    'tmpfs',
    `rw,size=${Math.floor(p.memTotalKb / 10)}k,mode=700`,
  );
  // Per pod: projected service-account token volume, network namespace, and runtime mounts.
  let minor = 50;
  let snap = 1 + (mix(ctx.node.seed) % 400);
  for (const pod of ctx.pods) {
    const vol = `kube-api-access-${pod.uid.slice(0, 5).replace(/-/g, 'x')}`;
    add(
      rootId,
      `0:${minor++}`,
      '/',
      `/var/lib/kubelet/pods/${pod.uid}/volumes/kubernetes.io~projected/${vol}`,
      'rw,relatime',
      'tmpfs',
      'tmpfs',
      'rw,size=1048576k',
    );
    if (!pod.hostNetwork) {
      const netns = `net:[${4026532200 + (mix(pod.key, 5) % 90000)}]`;
      const where =
        p.runtime === 'containerd'
          ? `/run/netns/cni-${pod.uid.slice(9)}`
          : `/run/docker/netns/${pod.sandboxId.slice(0, 12)}`;
      add(runId, '0:4', netns, where, 'rw', 'nsfs', 'nsfs', 'rw');
    }
    const overlay = (id: string) => {
      const lower = `${rtRoot}/io.containerd.snapshotter.v1.overlayfs/snapshots/${snap++}/fs`;
      const up = snap++;
      if (p.runtime === 'containerd') {
        add(
          runId,
          `0:${minor++}`,
          '/',
          `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${id}/rootfs`,
          'rw,relatime',
          'overlay',
          'overlay',
          `rw,lowerdir=${lower},upperdir=${rtRoot}/io.containerd.snapshotter.v1.overlayfs/snapshots/${up}/fs,workdir=${rtRoot}/io.containerd.snapshotter.v1.overlayfs/snapshots/${up}/work`,
        );
      } else {
        const layer = mix(hashString(id), 9).toString(16).padStart(8, '0').repeat(8);
        add(
          dataId ?? rootId,
          `0:${minor++}`,
          '/',
          `${rtRoot}/overlay2/${layer}/merged`,
          'rw,relatime',
          'overlay',
          'overlay',
          `rw,lowerdir=${rtRoot}/overlay2/l/${layer.slice(0, 26).toUpperCase()},upperdir=${rtRoot}/overlay2/${layer}/diff,workdir=${rtRoot}/overlay2/${layer}/work`,
        );
      }
    };
    if (p.runtime === 'containerd') {
      add(
        runId,
        `0:${minor++}`,
        '/',
        `/run/containerd/io.containerd.grpc.v1.cri/sandboxes/${pod.sandboxId}/shm`,
        'rw,nosuid,nodev,noexec,relatime',
        'tmpfs',
        'shm',
        'rw,size=65536k',
      );
    } else {
      add(
        dataId ?? rootId,
        `0:${minor++}`,
        '/',
        `${rtRoot}/containers/${pod.sandboxId}/mounts/shm`,
        'rw,nosuid,nodev,noexec,relatime',
        'tmpfs',
        'shm',
        'rw,size=65536k',
      );
    }
    overlay(pod.sandboxId);
    for (const c of pod.containers) if (c.state === 'running') overlay(c.id);
  }
  return { rows, refs: { rootId, rootMajMin: ROOT_MAJMIN, rootDev: '/dev/vda1', dataId }, ids };
}

/** The full host table text: base rows, then whatever the scenario mounted. */
export function hostMountinfoText(ctx: NodeContext): string {
  const { rows, refs, ids } = hostMountRows(ctx);
  const lines = rows.map(mountLine);
  const extra = ctx.hooks.hostMounts?.(ctx, ids, refs) ?? [];
  for (const l of extra) lines.push(l);
  return `${lines.join('\n')}\n`;
}
