import { goTime, klogLine } from '../generate/format-time.ts';
import type { LogEntry } from '../generate/log-entry.ts';
import { ageSec } from '../generate/node-context.ts';
import { daemonPids } from '../model/daemons.ts';
import { DISTROS } from '../model/node-profile.ts';
import { mix } from '../model/random.ts';
import { DAY } from '../model/sim-time.ts';
import { kmsg } from '../probes/dmesg-probe.ts';
import { journalLine } from '../probes/journal.ts';
import { mountLine } from '../probes/mountinfo-line.ts';
import { logrus } from '../probes/runtime-log-probe.ts';
import {
  CSI_DRIVER,
  DEAD_CONTAINER_ID,
  DEAD_LAYER_ID,
  DEAD_POD_UID,
  globalmount,
  HOST_VIEW,
  leakedDisks,
  leakFraction,
  leakStart,
  MERGED_EXTRAS,
} from './mount-leak-model.ts';
import type { ScenarioHooks } from './scenario-hooks.ts';

const GiB = 1024 ** 3;
const RETRY_MS = 122_000;
const FULL_RETRYING_VOLUMES = 136;
const FULL_TASKS = 20_135;
const FULL_KTHREADS = 19_798;

/** kubelet's CPU and RSS grow with the number of references it re-checks on every retry. */
function kubeletLoad(f: number): { cpu: number; rssKb: number } {
  return { cpu: 26.7 + (2022 - 26.7) * f, rssKb: Math.round(700_000 + (8_601_112 - 700_000) * f) };
}

export const mountLeak: ScenarioHooks = {
  profile(p, node) {
    p.distro = { ...DISTROS.alinux2, kernelRelease: '4.19.91-24.1.al7.x86_64', pidMax: 49_152 };
    p.cgroupVersion = 1;
    p.cgroupDriver = 'cgroupfs';
    p.runtime = 'docker';
    p.kubeletVersion = 'Kubernetes v1.20.11';
    p.containerdVersion = 'containerd containerd.io 1.4.13 9cc61520f4cd876b86e77edfeb88fbcd536d1f9d';
    p.dockerVersion = '19.03.15';
    p.cpus = 48;
    p.memTotalKb = 310 * 1024 * 1024 - 1_572_864;
    p.dataDisk = false;
    p.fixedBootMs = leakStart(node) - 6 * DAY;
    p.podsBase = 40;
    p.cni = 'terway';
  },

  system(ctx, s) {
    const f = leakFraction(ctx) * ctx.node.scale;
    s.load = [4 + 44.12 * f, 4 + 40.37 * f, 4 + 39.05 * f];
    s.slabKb += Math.round(9_000_000 * f);
  },

  hostMounts(ctx, ids, refs) {
    const out: string[] = [];
    let peer = 900;
    const ext4 = (
      parent: number,
      majMin: string,
      root: string,
      mp: string,
      src: string,
      optional: string,
      ro = false,
    ) => {
      const id = ids.take();
      out.push(
        mountLine({
          id,
          parent,
          majMin,
          root,
          mountPoint: mp,
          opts: `${ro ? 'ro' : 'rw'},relatime`,
          optional,
          fsType: 'ext4',
          source: src,
          superOpts: ro ? 'ro' : 'rw,data=ordered',
        }),
      );
      return id;
    };
    ext4(refs.rootId, '253:16', '/', '/opt/hybrid-data', '/dev/vdb', `shared:${peer++}`);
    const vdc = ext4(refs.rootId, '253:32', '/', '/var/lib/container', '/dev/vdc', `shared:${peer++}`);
    const kubeletBind = ext4(
      refs.rootId,
      '253:32',
      '/kubelet',
      '/var/lib/kubelet',
      '/dev/vdc',
      `shared:${peer - 1}`,
    );
    const dockerBind = ext4(
      refs.rootId,
      '253:32',
      '/docker',
      '/var/lib/docker',
      '/dev/vdc',
      `shared:${peer - 1}`,
    );
    // The dead container's view of host `/`, propagated (HostToContainer) and never released.
    const view = ext4(dockerBind, refs.rootMajMin, '/', HOST_VIEW, refs.rootDev, 'master:1');
    ext4(view, '253:16', '/', `${HOST_VIEW}/opt/hybrid-data`, '/dev/vdb', 'master:900');
    const viewVdc = ext4(view, '253:32', '/', `${HOST_VIEW}/var/lib/container`, '/dev/vdc', 'master:901');
    const viewKubelet = ext4(
      view,
      '253:32',
      '/kubelet',
      `${HOST_VIEW}/var/lib/kubelet`,
      '/dev/vdc',
      'master:901',
    );
    ext4(view, '253:32', '/docker', `${HOST_VIEW}/var/lib/docker`, '/dev/vdc', 'master:901');
    const disks = leakedDisks(ctx);
    let mergedPods = 0;
    for (const d of disks) {
      const src = `/dev/${d.dev}`;
      const shared = peer++;
      ext4(
        kubeletBind,
        d.majMin,
        '/',
        globalmount('/var/lib/kubelet', d.diskId),
        src,
        `shared:${shared}`,
        d.deleted,
      );
      ext4(
        vdc,
        d.majMin,
        '/',
        globalmount('/var/lib/container/kubelet', d.diskId),
        src,
        `shared:${shared}`,
        d.deleted,
      );
      ext4(
        viewKubelet,
        d.majMin,
        '/',
        globalmount(`${HOST_VIEW}/var/lib/kubelet`, d.diskId),
        src,
        `master:${shared}`,
        d.deleted,
      );
      ext4(
        viewVdc,
        d.majMin,
        '/',
        globalmount(`${HOST_VIEW}/var/lib/container/kubelet`, d.diskId),
        src,
        `master:${shared}`,
        d.deleted,
      );
      if (d.podUid) {
        const path = `/var/lib/kubelet/pods/${d.podUid}/volumes/kubernetes.io~csi/${d.diskId}/mount`;
        ext4(kubeletBind, d.majMin, '/', path, src, `shared:${shared}`, d.deleted);
        // The first few pods' publish paths were also caught under merged/ before it died.
        if (mergedPods < MERGED_EXTRAS - 5) {
          ext4(viewKubelet, d.majMin, '/', `${HOST_VIEW}${path}`, src, `master:${shared}`, d.deleted);
          mergedPods++;
        }
      }
    }
    return out;
  },

  blockDevices(ctx, devices) {
    const vda1 = devices[0]?.children?.[0];
    vda1?.mountpoints.push(HOST_VIEW);
    devices.push(
      {
        name: 'vdb',
        majMin: '253:16',
        type: 'disk',
        sizeBytes: 2048 * GiB,
        ro: false,
        fsType: 'ext4',
        mountpoints: ['/opt/hybrid-data', `${HOST_VIEW}/opt/hybrid-data`],
      },
      {
        name: 'vdc',
        majMin: '253:32',
        type: 'disk',
        sizeBytes: 1024 * GiB,
        ro: false,
        fsType: 'ext4',
        mountpoints: [
          '/var/lib/container',
          '/var/lib/kubelet',
          '/var/lib/docker',
          `${HOST_VIEW}/var/lib/container`,
          `${HOST_VIEW}/var/lib/kubelet`,
          `${HOST_VIEW}/var/lib/docker`,
        ],
      },
    );
    for (const d of leakedDisks(ctx)) {
      const mps = [
        globalmount('/var/lib/kubelet', d.diskId),
        globalmount('/var/lib/container/kubelet', d.diskId),
        globalmount(`${HOST_VIEW}/var/lib/kubelet`, d.diskId),
        globalmount(`${HOST_VIEW}/var/lib/container/kubelet`, d.diskId),
      ];
      if (d.podUid) mps.push(`/var/lib/kubelet/pods/${d.podUid}/volumes/kubernetes.io~csi/${d.diskId}/mount`);
      devices.push({
        name: d.dev,
        majMin: d.majMin,
        type: 'disk',
        sizeBytes: d.sizeBytes,
        ro: d.deleted,
        fsType: 'ext4',
        mountpoints: mps,
      });
    }
  },

  processes(ctx, m) {
    const up = Math.floor(ctx.uptimeSec);
    const pidMax = ctx.profile.distro.pidMax;
    // vda1 was journalled before the checkpoint thread existed: 6,385 jbd2 but 6,384 jbd2-ckpt.
    m.rows = m.rows.filter((r) => r.args !== '[jbd2-ckpt/vda1]');
    const kthread = (key: number, name: string, stat: string, wchan: string, etimes: number) => {
      m.rows.push({
        pid: m.pids.claimHashed(key, 300, pidMax),
        ppid: 2,
        stat,
        etimes,
        nlwp: 1,
        pcpu: 0,
        rssKb: 0,
        wchan,
        args: `[${name}]`,
      });
    };
    const leak = leakStart(ctx.node);
    const journalled = [
      { dev: 'vdb', index: 1, age: up - 12 },
      { dev: 'vdc', index: 2, age: up - 12 },
      ...leakedDisks(ctx).map((d) => ({
        dev: d.dev,
        index: d.index,
        age: Math.max(
          0,
          Math.min(up, ageSec(ctx, leak + ((d.index * 3_251_987) % Math.max(1, ctx.at - leak)))),
        ),
      })),
    ];
    for (const j of journalled) {
      kthread(mix(j.index, 1), `jbd2/${j.dev}-8`, 'S', 'kjournald2', j.age);
      kthread(mix(j.index, 2), `jbd2-ckpt/${j.dev}`, 'S', 'kjournald2_ckpt', j.age);
      kthread(mix(j.index, 3), 'ext4-rsv-conver', 'I<', 'rescuer_thread', j.age);
    }
    const isK = (r: { ppid: number; pid: number }) => r.ppid === 2 || r.pid === 2;
    const f = leakFraction(ctx);
    if (ctx.node.scale === 1 && f === 1) {
      // Pad to the write-up's totals with ordinary kworkers and application worker processes.
      let kthreads = m.rows.filter(isK).length;
      for (let i = 0; kthreads < FULL_KTHREADS; i++, kthreads++) {
        kthread(
          mix(ctx.node.seed, 50_000 + i),
          `kworker/${i % 48}:${2 + Math.floor(i / 48)}-events`,
          'I',
          'worker_thread',
          30 + (i % 3000),
        );
      }
      const nginx = m.rows.find((r) => r.args.startsWith('nginx: master'));
      for (let i = 0; m.rows.length < FULL_TASKS; i++) {
        m.rows.push({
          pid: m.pids.claimHashed(mix(ctx.node.seed, 90_000 + i), 3000, pidMax),
          ppid: nginx?.pid ?? 1,
          stat: 'S',
          etimes: Math.floor(ctx.uptimeSec / 3),
          nlwp: 1,
          pcpu: 0.1,
          rssKb: 12_300,
          wchan: 'ep_poll',
          args: 'nginx: worker process',
        });
      }
    }
    const load = kubeletLoad(f * ctx.node.scale);
    m.kubelet.pcpu = load.cpu * 0.92;
    m.kubelet.rssKb = load.rssKb;
    m.kubelet.nlwp = 380;
  },

  kubeletProc(ctx, k) {
    const load = kubeletLoad(leakFraction(ctx) * ctx.node.scale);
    k.cpuTicks = Math.round(load.cpu);
    k.rssKb = load.rssKb;
    k.threads = 380;
  },

  containers(ctx, list) {
    list.push({
      id: DEAD_CONTAINER_ID,
      name: `k8s_logxxx_logxxx-ds-hsbv9_kube-system_${DEAD_POD_UID}_0`,
      podName: 'logxxx-ds-hsbv9',
      podNamespace: 'kube-system',
      podUid: DEAD_POD_UID,
      sandboxId: mix(ctx.node.seed, 31).toString(16).padStart(8, '0').repeat(8),
      image: 'sha256:889ceee008bf7b2e4c1b8e8d2f2bbf0b64f1c1f14f0b2d5c8d1b3e0d8a8f2a11',
      imageId: 'sha256:889ceee008bf7b2e4c1b8e8d2f2bbf0b64f1c1f14f0b2d5c8d1b3e0d8a8f2a11',
      command: '"/usr/local/ilogxxx/bin/ilogxxx_run.sh"',
      state: 'removing',
      createdMs: leakStart(ctx.node) - 30 * DAY,
      attempt: 0,
      error: `container ${DEAD_CONTAINER_ID}: driver "overlay2" failed to remove root filesystem: unlinkat /var/lib/docker/overlay2/${DEAD_LAYER_ID}/merged: device or resource busy`,
      isSandbox: false,
    });
  },

  kubeletLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const pid = daemonPids(ctx).kubelet;
    const kubeletStart = ctx.boot + 11_000;
    const disks = leakedDisks(ctx);
    const volumes = Math.min(
      disks.length,
      Math.max(1, Math.round(FULL_RETRYING_VOLUMES * ctx.node.scale * leakFraction(ctx))),
    );
    for (let v = 0; v < volumes; v++) {
      const d = disks[Math.floor((v * disks.length) / volumes)]!;
      const phase = mix(ctx.node.seed, d.index) % RETRY_MS;
      for (let t = Math.ceil((from - phase) / RETRY_MS) * RETRY_MS + phase; t <= to; t += RETRY_MS) {
        const next = t + RETRY_MS;
        const mono = ((next - kubeletStart) / 1000).toFixed(9);
        const unique = `kubernetes.io/csi/${CSI_DRIVER}^${d.diskId}`;
        const refs = [
          globalmount(`${HOST_VIEW}/var/lib/kubelet`, d.diskId),
          globalmount(`${HOST_VIEW}/var/lib/container/kubelet`, d.diskId),
          globalmount('/var/lib/container/kubelet', d.diskId),
        ].join(' ');
        const msg = `Operation for "{volumeName:${unique} podName: nodeName:}" failed. No retries permitted until ${goTime(next, d.index)} m=+${mono} (durationBeforeRetry 2m2s). Error: "GetDeviceMountRefs check failed for volume "${d.diskId}" (UniqueName: "${unique}") on node "${ctx.hostname}" : the device mount path "${globalmount('/var/lib/kubelet', d.diskId)}" is still mounted by other references [${refs}]"`;
        out.push(
          journalLine(ctx, t, 'kubelet', pid, klogLine('E', t, pid, 'nestedpendingoperations.go:301', msg)),
        );
      }
    }
    return out;
  },

  runtimeLog(ctx, from, to) {
    const out: LogEntry[] = [];
    const pid = daemonPids(ctx).dockerd;
    // kubelet's container GC asks dockerd to remove the dead container every few minutes.
    for (let t = Math.ceil(from / 300_000) * 300_000 + 17_000; t <= to; t += 300_000) {
      const msg = `Handler for DELETE /v1.40/containers/${DEAD_CONTAINER_ID} returned error: container ${DEAD_CONTAINER_ID}: driver "overlay2" failed to remove root filesystem: unlinkat /var/lib/docker/overlay2/${DEAD_LAYER_ID}/merged: device or resource busy`;
      out.push(journalLine(ctx, t, 'dockerd', pid, logrus(t, 'error', msg)));
    }
    return out;
  },

  dmesg(ctx) {
    const out: LogEntry[] = [];
    const leak = leakStart(ctx.node);
    // Deleted cloud disks fail within 60 days of the leak's start (sooner on a compressed timeline).
    const spread = Math.max(1, Math.min(60 * DAY, (ctx.node.timeline.referenceMs - leak) / 4));
    for (const d of leakedDisks(ctx)) {
      if (!d.deleted) continue;
      const dev = d.dev;
      const first = Math.max(ctx.boot + DAY, leak + (mix(d.index, 5) % spread));
      if (first > ctx.at) continue;
      out.push(
        kmsg(
          first,
          `EXT4-fs warning (device ${dev}): htree_dirblock_to_tree:995: inode #2: lblock 0: comm find: error -5 reading directory block`,
          1,
        ),
        kmsg(
          first + 1,
          `EXT4-fs error (device ${dev}): __ext4_get_inode_loc:4317: inode #2: block 1095: comm find: unable to read itable block`,
          2,
        ),
        kmsg(first + 2, `EXT4-fs error (device ${dev}) in ext4_reserve_inode_write:5543: IO failure`, 3),
        kmsg(first + 3, `Aborting journal on device ${dev}-8.`, 4),
        kmsg(first + 4, `JBD2: Error -5 detected when updating journal superblock for ${dev}-8.`, 5),
        kmsg(
          first + 5,
          `EXT4-fs error (device ${dev}): ext4_journal_check_start:61: Detected aborted journal`,
          6,
        ),
        kmsg(first + 6, `EXT4-fs (${dev}): Remounting filesystem read-only`, 7),
      );
      // ext4's daily error report and the nightly `find` that trips over the dead disk again.
      const firstSec = Math.floor(first / 1000);
      for (let day = Math.max(1, Math.ceil((ctx.at - first) / DAY) - 7); first + day * DAY <= ctx.at; day++) {
        const t = first + day * DAY;
        out.push(
          kmsg(t, `EXT4-fs (${dev}): error count since last fsck: ${2 + day}`, 8),
          kmsg(t, `EXT4-fs (${dev}): initial error at time ${firstSec}: __ext4_get_inode_loc:4317`, 9),
          kmsg(
            t,
            `EXT4-fs (${dev}): last error at time ${firstSec + day * 86_400 - 3600}: ext4_journal_check_start:61`,
            10,
          ),
          kmsg(
            t - 3_600_000,
            `EXT4-fs warning (device ${dev}): htree_dirblock_to_tree:995: inode #2: lblock 0: comm find: error -5 reading directory block`,
            11,
          ),
        );
      }
    }
    return out;
  },
};
