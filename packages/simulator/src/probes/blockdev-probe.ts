import type { NodeContext } from '../generate/node-context.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import { DATA_MAJMIN, ROOT_MAJMIN, runtimeRoot } from './host-mounts.ts';
import { type BlockDev, renderLsblk } from './lsblk-json.ts';

const GiB = 1024 ** 3;

export function blockDevices(ctx: NodeContext): BlockDev[] {
  const p = ctx.profile;
  const devices: BlockDev[] = [
    {
      name: 'vda',
      majMin: '253:0',
      type: 'disk',
      sizeBytes: 120 * GiB,
      ro: false,
      fsType: null,
      mountpoints: [],
      children: [
        {
          name: 'vda1',
          majMin: ROOT_MAJMIN,
          type: 'part',
          sizeBytes: 120 * GiB - 1048576,
          ro: false,
          fsType: p.distro.rootFs,
          mountpoints: ['/'],
        },
      ],
    },
  ];
  if (p.dataDisk) {
    devices.push({
      name: 'vdb',
      majMin: DATA_MAJMIN,
      type: 'disk',
      sizeBytes: 500 * GiB,
      ro: false,
      fsType: 'ext4',
      mountpoints: [runtimeRoot(ctx)],
    });
  }
  ctx.hooks.blockDevices?.(ctx, devices);
  return devices;
}

export function blockdevProbe(ctx: NodeContext): ProbeResult {
  const devices = blockDevices(ctx);
  return ok(renderLsblk(devices, ctx.profile.distro.lsblkStyle), 8 + Math.floor(devices.length / 100));
}
