import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNodeState } from '../analysis/build-node-state.ts';
import { parseBundle } from '../bundle/bundle-format.ts';
import { buildMountModel, buildMountView, type MountView, mountRows } from './index.ts';
import type { MountModel } from './mount-model.ts';

/**
 * The small hand-made cases, each a bundle in fixtures/ (host mountinfo, one mountinfo-ns
 * section, lsblk JSON, dmesg) read through the real parsers, one table row per case.
 */

const GM = '/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pv-1/globalmount';

function load(name: string): { model: MountModel; view: MountView } {
  const text = readFileSync(new URL(`./fixtures/${name}.bundle`, import.meta.url), 'utf8');
  const bundle = parseBundle(text).value;
  if (!bundle) throw new Error(`fixture ${name} is not a bundle`);
  const model = buildMountModel(buildNodeState(bundle.artifacts, {}));
  return { model, view: buildMountView(model) };
}

const copyEdge = (v: MountView) => v.edges.find((e) => e.to.startsWith('c|'));

const CASES: { name: string; what: string; check: (v: MountView, m: MountModel) => void }[] = [
  {
    name: 'shared-peer-group',
    what: 'both kubelet paths of one device are host mounts; the peer copy is "shared:7", no leak',
    check: (v) => {
      expect(v.nodes.filter((n) => n.kind === 'host-mount' && n.label.includes('globalmount'))).toHaveLength(
        2,
      );
      expect(copyEdge(v)).toMatchObject({ kind: 'shared', label: 'shared:7', leak: false });
      expect(v.summary).toMatch(/^Nothing leaks/);
    },
  },
  {
    name: 'master-slave',
    what: 'a slave copy (master:7) in a live namespace comes from the globalmount and is not a leak',
    check: (v) => {
      expect(copyEdge(v)).toMatchObject({ kind: 'master', label: 'master:7', from: 'h|30', leak: false });
      expect(v.holders[0]).toMatchObject({ kind: 'namespace', pid: 950, leak: false });
      expect(v.nodes.every((n) => !n.leak)).toBe(true);
    },
  },
  {
    name: 'stacked-mount',
    what: 'two mounts on one path are both drawn, the upper one marked stacked',
    check: (v) => {
      const onPath = v.nodes.filter((n) => n.kind === 'host-mount' && n.label === GM);
      expect(onPath).toHaveLength(2);
      expect(onPath.filter((n) => n.detail?.includes('stacked'))).toHaveLength(1);
    },
  },
  {
    name: 'no-leak-namespace',
    what: 'a namespace of binds: its topology grouped and a plain "nothing leaks"',
    check: (v) => {
      expect(v.summary).toMatch(/^Nothing leaks: 4 mount records in 2 namespaces/);
      expect(v.holders).toEqual([expect.objectContaining({ copies: 2, leak: false, leakedCopies: 0 })]);
      expect(v.totals.leakedCopies).toBe(0);
    },
  },
  {
    name: 'bind-subdir',
    what: 'a bind of a subdirectory (root != /) links to the host mount of its device, counted as a bind',
    check: (v, m) => {
      expect(copyEdge(v)).toMatchObject({ from: 'h|20', bind: 1, label: expect.stringMatching(/bind/) });
      expect(mountRows(m).find((r) => r.role === 'copy')).toMatchObject({
        hostPath: '/',
        root: '/var/lib/kubelet/pods/u2/etc-hosts',
      });
    },
  },
  {
    name: 'missing-from-lsblk',
    what: 'a device lsblk does not list carries the badge; failing I/O too, its backing disk is gone',
    check: (v) => {
      const devs = v.nodes.filter((n) => n.kind === 'device');
      expect(devs.find((n) => n.label === 'vdd')?.badges).toMatchObject({
        'missing-from-lsblk': 1,
        'backing-disk-gone': 1,
        'io-errors': 1,
      });
      expect(devs.find((n) => n.label === 'vdb')?.badges).toBeUndefined();
    },
  },
];

describe('mount view: hand-made fixtures', () => {
  it.each(CASES)('$name: $what', ({ name, check }) => {
    const { model, view } = load(name);
    check(view, model);
  });
});
