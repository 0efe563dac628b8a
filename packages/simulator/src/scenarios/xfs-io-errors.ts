import { klogLine } from '../generate/format-time.ts';
import type { LogEntry } from '../generate/log-entry.ts';
import type { NodeContext } from '../generate/node-context.ts';
import { daemonPids } from '../model/daemons.ts';
import { DISTROS } from '../model/node-profile.ts';
import { mix } from '../model/random.ts';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import { DAY, HOUR, MINUTE, phaseStart } from '../model/sim-time.ts';
import { kmsg } from '../probes/dmesg-probe.ts';
import { journalLine } from '../probes/journal.ts';
import { mountLine } from '../probes/mountinfo-line.ts';
import { logrus } from '../probes/runtime-log-probe.ts';
import type { ScenarioHooks } from './scenario-hooks.ts';

/** Seed C's timeline: slab allocation failures ~20 h before the disks failed and kubelet began to loop. */
const IO_BEFORE_REF = 50 * MINUTE;
const SLUB_BEFORE_IO = 21 * HOUR;

/** When the disks began to fail (and kubelet to loop) on this node's timeline. */
function ioStart(node: ResolvedNode): number {
  return phaseStart(node.timeline, IO_BEFORE_REF);
}

/** The first slab allocation failure, ~21 h before the disks failed. */
function slubAt(node: ResolvedNode): number {
  return phaseStart(node.timeline, IO_BEFORE_REF + SLUB_BEFORE_IO);
}
const RESTART_MS = 10_000;
const VOLUME = '/data/docker_volumes/production/xxxx/xxxxwebapp/20261122104106';

function restarts(node: ResolvedNode, from: number, to: number): number[] {
  const IO_START = ioStart(node);
  const out: number[] = [];
  for (
    let t = Math.max(IO_START, Math.ceil((from - IO_START) / RESTART_MS) * RESTART_MS + IO_START);
    t <= to;
    t += RESTART_MS
  )
    out.push(t);
  return out;
}

function kubeletPidAt(ctx: NodeContext, t: number): number {
  return 20_000 + (mix(ctx.node.seed, Math.floor((t - ioStart(ctx.node)) / RESTART_MS)) % 12_000);
}

export const xfsIoErrors: ScenarioHooks = {
  profile(p, node) {
    p.distro = {
      ...DISTROS.centos7,
      kernelRelease: '3.10.0-957.21.3.el7.x86_64',
      kernelVersion: '#1 SMP Tue Jun 18 16:35:19 UTC 2019',
    };
    p.cgroupVersion = 1;
    p.cgroupDriver = 'cgroupfs';
    p.runtime = 'docker';
    p.kubeletVersion = 'Kubernetes v1.13.12';
    p.containerdVersion = '';
    p.dockerVersion = '18.09.9';
    p.dataDisk = false;
    p.fixedBootMs = node.timeline.referenceMs - 95 * DAY;
  },

  hostMounts(_ctx, ids, refs) {
    return [
      mountLine({
        id: ids.take(),
        parent: refs.rootId,
        majMin: '253:16',
        root: '/',
        mountPoint: '/data',
        opts: 'rw,relatime',
        optional: 'shared:300',
        fsType: 'xfs',
        source: '/dev/vdb',
        superOpts: 'rw,attr2,inode64,logbufs=8,logbsize=32k,noquota',
      }),
    ];
  },

  blockDevices(_ctx, devices) {
    devices.push({
      name: 'vdb',
      majMin: '253:16',
      type: 'disk',
      sizeBytes: 1024 ** 4,
      ro: false,
      fsType: 'xfs',
      mountpoints: ['/data'],
    });
  },

  processes(ctx, m) {
    const IO_START = ioStart(ctx.node);
    if (ctx.at < IO_START) return;
    const last = IO_START + Math.floor((ctx.at - IO_START) / RESTART_MS) * RESTART_MS;
    m.kubelet.pid = m.pids.claimAt(kubeletPidAt(ctx, ctx.at));
    m.kubelet.etimes = Math.floor((ctx.at - last) / 1000);
    m.kubelet.nlwp = 9;
    m.kubelet.rssKb = 41_200;
  },

  kubeletProc(ctx, k) {
    const IO_START = ioStart(ctx.node);
    if (ctx.at < IO_START) return;
    k.pid = kubeletPidAt(ctx, ctx.at);
    k.rssKb = 41_200;
    k.threads = 9;
  },

  kubeletLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const host = ctx.hostname;
    for (const t of restarts(ctx.node, from, to)) {
      const pid = kubeletPidAt(ctx, t);
      const writeFails = mix(ctx.node.seed, t) % 4 === 0;
      out.push(journalLine(ctx, t, 'systemd', 1, 'Started Kubernetes Kubelet Server.'));
      out.push(
        journalLine(
          ctx,
          t + 40,
          'kubelet',
          pid,
          klogLine(
            'I',
            t + 40,
            pid,
            'kubelet_node_status.go:273',
            'Setting node annotation to enable volume controller attach/detach',
          ),
        ),
      );
      if (writeFails) {
        out.push(
          journalLine(
            ctx,
            t + 60,
            'kubelet',
            pid,
            `log: exiting because of error: write /data/log/kubernetes/kubelet.${host}.root.log.INFO.20261121-093251.${pid}: input/output error`,
          ),
        );
      } else {
        out.push(
          journalLine(
            ctx,
            t + 61,
            'kubelet',
            pid,
            klogLine(
              'F',
              t + 61,
              pid,
              'server.go:141',
              'read /var/lib/kubelet/pki/kubelet.crt: input/output error',
            ),
          ),
        );
      }
      const status = writeFails ? 'status=2/INVALIDARGUMENT' : 'status=255/n/a';
      out.push(
        journalLine(
          ctx,
          t + 70,
          'systemd',
          1,
          `kubelet.service: main process exited, code=exited, ${status}`,
        ),
      );
      out.push(journalLine(ctx, t + 71, 'systemd', 1, 'Unit kubelet.service entered failed state.'));
      out.push(journalLine(ctx, t + 72, 'systemd', 1, 'kubelet.service failed.'));
      out.push(
        journalLine(
          ctx,
          t + RESTART_MS - 2,
          'systemd',
          1,
          'kubelet.service holdoff time over, scheduling restart.',
        ),
      );
    }
    return out;
  },

  runtimeLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const pid = daemonPids(ctx).dockerd;
    const IO_START = ioStart(ctx.node);
    for (let t = Math.max(IO_START, Math.ceil(from / 45_000) * 45_000); t <= to; t += 45_000) {
      const id = mix(ctx.node.seed, t).toString(16).padStart(8, '0').repeat(8);
      const msg = `Handler for POST /v1.38/containers/${id}/start returned error: OCI runtime create failed: container_linux.go:247: starting container process caused "process_linux.go:359: container init caused \\"rootfs_linux.go:54: mounting \\\\\\"${VOLUME}\\\\\\" to rootfs \\\\\\"/var/lib/docker/overlay/${id}/merged\\\\\\" at \\\\\\"/var/app/log\\\\\\" caused \\\\\\"stat ${VOLUME}: input/output error\\\\\\"\\"": unknown`;
      out.push(journalLine(ctx, t, 'dockerd', pid, logrus(t, 'error', msg)));
    }
    return out;
  },

  dmesg(ctx) {
    const out: LogEntry[] = [];
    const slub = (t: number, slabs: number) => {
      out.push(kmsg(t, 'SLUB: Unable to allocate memory on node -1 (gfp=0x8020)', 1));
      out.push(
        kmsg(
          t,
          '  cache: blkdev_ioc(480:73b7c7b6509ef942a880608bfbfc2c49060f994f595225b849aa610274c233ba), object size: 104, buffer size: 104, default order: 0, min order: 0',
          7,
        ),
      );
      out.push(kmsg(t, `  node 0: slabs: ${slabs}, objs: ${slabs * 39}, free: 0`, 9));
    };
    const SLUB_AT = slubAt(ctx.node);
    slub(SLUB_AT, 6);
    slub(SLUB_AT + 1, 6);
    slub(SLUB_AT + 42_976, 7);
    slub(SLUB_AT + 60_000, 7);
    slub(SLUB_AT + 4 * 60_000, 8);
    const IO_START = ioStart(ctx.node);
    if (ctx.at < IO_START) return out;
    const seq: [number, string][] = [
      [0, 'blk_update_request: I/O error, dev vdb, sector 1048930768'],
      [109, 'XFS (vdb): metadata I/O error: block 0x3e8569d0 ("xlog_iodone") error 5 numblks 64'],
      [
        112,
        'XFS (vdb): xfs_do_force_shutdown(0x2) called from line 1180 of file fs/xfs/xfs_log.c.  Return address = 0xffffffffa0260d76',
      ],
      [112, 'XFS (vdb): Log I/O Error Detected.  Shutting down filesystem'],
      [114, 'XFS (vdb): Please umount the filesystem and rectify the problem(s)'],
      [332, 'blk_update_request: I/O error, dev vda, sector 21597664'],
      [338, 'XFS (vda1): metadata I/O error: block 0x14985e0 ("xfs_trans_read_buf_map") error 5 numblks 8'],
      [343, 'blk_update_request: I/O error, dev vda, sector 21597664'],
      [500, 'blk_update_request: I/O error, dev vda, sector 88008'],
      [534, 'blk_update_request: I/O error, dev vda, sector 1570264'],
      [590, 'blk_update_request: I/O error, dev vda, sector 163456'],
      [821, 'XFS (vda1): metadata I/O error: block 0x14985e0 ("xfs_trans_read_buf_map") error 5 numblks 8'],
    ];
    seq.forEach(([dt, text], i) => {
      out.push(kmsg(IO_START + dt, text, i));
    });
    for (let t = IO_START + 15_640; t <= ctx.at; t += 30_080)
      out.push(kmsg(t, 'XFS (vdb): xfs_log_force: error -5 returned.', 3));
    for (let t = IO_START + 60_000; t <= ctx.at; t += 5 * MINUTE) {
      out.push(
        kmsg(
          t,
          'XFS (vda1): metadata I/O error: block 0x14985e0 ("xfs_trans_read_buf_map") error 5 numblks 8',
          4,
        ),
      );
    }
    return out;
  },

  containers(ctx, list) {
    const IO_START = ioStart(ctx.node);
    if (ctx.at < IO_START) return;
    const pod = ctx.pods[ctx.pods.length - 1];
    if (!pod) return;
    list.push({
      id: mix(ctx.node.seed, 99).toString(16).padStart(8, '0').repeat(8),
      name: `k8s_app_xxxxx-webapp-xdae_pro-xxxx_${pod.uid}_3`,
      podName: 'xxxxx-webapp-xdae',
      podNamespace: 'pro-xxxx',
      podUid: pod.uid,
      sandboxId: pod.sandboxId,
      image: 'registry.example.com/pro/xxxxwebapp:20261115',
      imageId: 'sha256:5f2e3c1d',
      command: '"/bin/sh -c /app/start.sh"',
      state: 'created',
      createdMs: ctx.at - 4 * MINUTE,
      attempt: 3,
      isSandbox: false,
    });
  },
};
