import type { ProbeId, RawArtifact } from '@nodescope/core';
import type { PrismaClient } from '../../client.ts';
import { artifactText } from './artifact-text.ts';

/** The probes the mount graph is built from (mounts, devices, holders, logs, kernel threads). */
export const MOUNT_PROBES: ProbeId[] = [
  'system',
  'mountinfo',
  'mountinfo-ns',
  'blockdev',
  'containers',
  'processes',
  'dmesg',
  'kubelet-log',
];

export interface MountSnapshotRef {
  snapshotId: bigint;
  node: string;
  takenAt: Date;
}

/**
 * Which snapshot a mount view shows: the one asked for (it must belong to the node), else the
 * node's latest. Cheap: callers cache the parsed graph by snapshot id before loading artifacts.
 */
export async function mountSnapshotRef(
  prisma: PrismaClient,
  node: string,
  snapshotId?: bigint,
): Promise<MountSnapshotRef | null> {
  const n = await prisma.node.findUnique({
    where: { name: node },
    select: { id: true, lastSnapshotId: true },
  });
  if (!n) return null;
  const id = snapshotId ?? n.lastSnapshotId;
  if (id === null || id === undefined) return null;
  const s = await prisma.snapshot.findUnique({
    where: { id },
    select: { id: true, nodeId: true, takenAt: true },
  });
  if (!s || s.nodeId !== n.id) return null;
  return { snapshotId: s.id, node, takenAt: s.takenAt };
}

/** The raw mount-related artifacts of one snapshot, decompressed; pruned or absent probes are left out. */
export async function mountArtifacts(prisma: PrismaClient, snapshotId: bigint): Promise<RawArtifact[]> {
  const texts = await Promise.all(MOUNT_PROBES.map((p) => artifactText(prisma, snapshotId, p)));
  const out: RawArtifact[] = [];
  for (const a of texts) {
    if (!a || a.text === null) continue;
    out.push({
      probe: a.probe as ProbeId,
      text: a.text,
      exitCode: 0,
      durationMs: 0,
      truncated: a.truncated,
      timedOut: false,
    });
  }
  return out;
}
