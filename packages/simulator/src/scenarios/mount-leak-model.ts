import type { NodeContext } from '../generate/node-context.ts';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import { DAY, phaseStart, progress } from '../model/sim-time.ts';
import { mix, Rng } from '../model/random.ts';
import { virtioName } from '../probes/lsblk-json.ts';

/**
 * Incident A's figures (INCIDENTS.md): 6,385 distinct /dev/vd* ext4 devices (6,382 CSI disks plus
 * vda1, vdb, vdc), 26,503 ext4 mount records, 12,777 of them under the dead log collector's
 * merged dir. Per CSI disk: the host globalmount at both kubelet paths and one propagated copy
 * of each under merged/; 957 disks still have a pod publish path; 13 more copies under merged/.
 */
export const FULL_CSI_DISKS = 6382;
export const FULL_POD_PATHS = 957;
export const MERGED_EXTRAS = 13;
/** The log collector's container died this long before the write-up's figures were taken. */
export const LEAK_DAYS = 240;
export const DEAD_CONTAINER_ID = 'e4261544f8eb355ee438c61a5c121217d54b54244d2957e495aa234f77444288';
export const DEAD_LAYER_ID = '9caa9580e946898718f97e9d205d0ac34048d5242ea30c0bc859627483b664be';
export const DEAD_POD_UID = '93e182b4-ed88-4344-8c8d-e22af0407be8';
export const MERGED = `/var/lib/docker/overlay2/${DEAD_LAYER_ID}/merged`;
export const HOST_VIEW = `${MERGED}/logxxx_host`;
export const CSI_DRIVER = 'diskplugin.csi.xxx.com';
/** The device the write-up follows through dmesg. */
export const VDFIW_INDEX = 4312;

export interface LeakedDisk {
  index: number;
  dev: string;
  majMin: string;
  diskId: string;
  sizeBytes: number;
  /** The cloud disk behind it was deleted: I/O errors in dmesg, remounted read-only. */
  deleted: boolean;
  podUid?: string;
}

/** When the log collector's container died and the propagated mounts began to pile up. */
export function leakStart(node: ResolvedNode): number {
  return phaseStart(node.timeline, LEAK_DAYS * DAY);
}

/** How far the leak has grown at `at`: disks accumulate from the container's death to the reference time. */
export function leakFraction(ctx: NodeContext): number {
  return progress(ctx.at, leakStart(ctx.node), ctx.node.timeline.referenceMs);
}

export function leakedCount(ctx: NodeContext): { disks: number; podPaths: number } {
  const f = leakFraction(ctx);
  return {
    disks: Math.max(1, Math.round(FULL_CSI_DISKS * ctx.node.scale * f)),
    podPaths: Math.round(FULL_POD_PATHS * ctx.node.scale * f),
  };
}

export function leakedDisks(ctx: NodeContext): LeakedDisk[] {
  const { disks, podPaths } = leakedCount(ctx);
  const out: LeakedDisk[] = [];
  for (let k = 0; k < disks; k++) {
    // Full scale keeps every index so vdfiw is there; smaller copies spread across the range.
    const index = 3 + (disks === FULL_CSI_DISKS ? k : Math.floor((k * FULL_CSI_DISKS) / disks));
    const r = Rng.of(ctx.node.seed, `disk-${index}`);
    out.push({
      index,
      dev: virtioName(index),
      majMin: `253:${index * 16}`,
      diskId:
        index === 3
          ? 'd-bp1dtkaipms3op820vnb'
          : index === VDFIW_INDEX
            ? 'd-bp1iau7367wkpf6xqdpv'
            : `d-bp1${r.alnum(17, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
      sizeBytes: (20 + (mix(index) % 5) * 20) * 1024 ** 3,
      deleted: index === VDFIW_INDEX || mix(ctx.node.seed, index, 7) % 100 < 2,
      podUid: k < podPaths ? r.uuid() : undefined,
    });
  }
  return out;
}

export function globalmount(root: string, diskId: string): string {
  return `${root}/plugins/kubernetes.io/csi/pv/${diskId}/globalmount`;
}
