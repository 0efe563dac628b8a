import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@nodescope/api';

export type MountGraphData = inferRouterOutputs<AppRouter>['mounts']['graph'];
export type MountView = MountGraphData['view'];
export type MountNode = MountView['nodes'][number];
export type MountEdge = MountView['edges'][number];
export type MountSelection = NonNullable<MountGraphData['selection']>;

export const KIND_LABEL: Record<MountNode['kind'], string> = {
  device: 'device',
  'host-mount': 'host mount',
  'copy-group': 'copies',
  copy: 'copy',
  namespace: 'namespace',
  container: 'container',
};

export const BADGE_LABEL: Record<string, string> = {
  'io-errors': 'I/O errors',
  'journal-aborted': 'journal aborted',
  'read-only': 'read-only',
  'fs-shutdown': 'fs shutdown',
  'missing-from-lsblk': 'not in lsblk',
  'backing-disk-gone': 'backing disk gone',
};

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
