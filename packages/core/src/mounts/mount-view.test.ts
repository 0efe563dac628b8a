import { describe, expect, it } from 'vitest';
import {
  container,
  disk,
  hostNs,
  mount,
  nodeState,
  otherNs,
  proc,
} from '../analysis/test-support/builders.ts';
import { A_CONTAINER, A_MERGED, incidentA } from '../analysis/test-support/incident-a.ts';
import type { MountEntry, NodeState } from '../model/node-state.ts';
import {
  buildMountModel,
  buildMountView,
  EXPAND_CAP,
  mountRows,
  renderLeaksCsv,
  renderMountDot,
  renderMountText,
  renderUmountPlan,
  selectMountNode,
} from './index.ts';

function withOpt(m: MountEntry, raw: string[]): MountEntry {
  const optional: MountEntry['optional'] = { raw };
  for (const r of raw) {
    const [k, v] = r.split(':');
    if (k === 'shared') optional.shared = Number(v);
    if (k === 'master') optional.master = Number(v);
    if (k === 'unbindable') optional.unbindable = true;
  }
  return { ...m, optional };
}

const GM = '/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pv-1/globalmount';

describe('mount view at seed-A scale', () => {
  const a = incidentA(1);
  const model = buildMountModel(a.state, { node: 'k8s-prd-standard-43.113' });
  const view = buildMountView(model);

  it('collapses 26,503 records into a few hundred nodes with the leak chain counted per holder', () => {
    expect(view.totals.records).toBe(26_503);
    expect(view.totals.devices).toBeGreaterThanOrEqual(a.devices);
    expect(view.nodes.length).toBeLessThan(100);
    const group = view.nodes.find((n) => n.kind === 'copy-group' && n.leak);
    expect(group?.count).toBe(a.leakedCopies);
    const holder = view.holders[0];
    expect(holder?.containerId).toBe(A_CONTAINER);
    expect(holder?.leakedCopies).toBe(a.leakedCopies);
    expect(holder?.state).toBe('Removal In Progress');
    expect(holder?.pod).toBe('kube-system/logxxx-ds-hsbv9');
    expect(holder?.reasons['holder-dead']).toBe(a.leakedCopies);
    expect(view.summary).toContain(`${(a.devices).toLocaleString('en-US')} CSI disks`);
    expect(view.summary).toContain('12,777 copies held by logxxx-ds-hsbv9, dead, Removal In Progress');
  });

  it('puts nodes in fixed columns, children no higher than their parent, deterministically', () => {
    const byId = new Map(view.nodes.map((n) => [n.id, n]));
    for (const n of view.nodes) expect(n.x).toBe(n.column * view.layout.columnWidth);
    for (const e of view.edges) {
      const from = byId.get(e.from);
      const to = byId.get(e.to);
      expect(from && to && to.column > from.column).toBe(true);
      if (e.kind === 'mount' || e.kind === 'holds') continue;
    }
    const again = buildMountView(model);
    expect(JSON.stringify(again.nodes)).toBe(JSON.stringify(view.nodes));
  });

  it('expands one group at a time, capped at the draw limit, and counts what it could not draw', () => {
    const group = view.nodes.find((n) => n.kind === 'copy-group' && n.leak);
    const open = buildMountView(model, { expand: group?.id as string });
    expect(open.expanded).toBe(group?.id);
    expect(open.nodes.length).toBeLessThanOrEqual(800);
    const copies = open.nodes.filter((n) => n.kind === 'copy');
    expect(copies.length).toBe(EXPAND_CAP);
    expect(copies.every((c) => c.leak && c.label.startsWith(A_MERGED))).toBe(true);
    const rest = open.nodes.find((n) => n.id === group?.id);
    expect((rest?.count ?? 0) + copies.length).toBe(group?.count);
    expect(rest?.hidden).toBe(rest?.count);
    expect(open.capped).toBe(true);
  });

  it('filters: leaks only keeps the chain, a search by device keeps its records', () => {
    const leaks = buildMountView(model, { filters: { leaksOnly: true } });
    expect(leaks.nodes.every((n) => n.leak || n.kind === 'host-mount')).toBe(true);
    const one = buildMountView(model, { filters: { q: 'vdfiw' } });
    const dev = one.nodes.find((n) => n.kind === 'device');
    expect(dev?.label).toBe('vdfiw');
    expect(dev?.badges?.['io-errors']).toBe(1);
    expect(dev?.badges?.['journal-aborted']).toBe(1);
    expect(dev?.badges?.['read-only']).toBe(1);
  });

  it('the side panel of a device has its raw lines, kubelet lines, dmesg lines and kernel threads', () => {
    const sel = selectMountNode(model, 'd|vdfiw');
    expect(sel?.mountLineTotal).toBe(4 + 1);
    expect(sel?.mountLines.map((l) => a.mountLines.get(l.line))).toContain(
      '/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-bp1iau7367wkpf6xqdpv/globalmount',
    );
    expect(sel?.kubeletLineTotal).toBeGreaterThan(0);
    expect(sel?.kubeletLines[0]?.text).toContain('GetDeviceMountRefs');
    expect(sel?.dmesgLines.some((l) => l.text.includes('Aborting journal on device vdfiw-8'))).toBe(true);
    expect(sel?.kernelThreads.map((t) => t.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('[jbd2/vdfiw-8]'),
        expect.stringContaining('[jbd2-ckpt/vdfiw]'),
      ]),
    );
    const group = view.nodes.find((n) => n.kind === 'copy-group' && n.leak);
    const gsel = selectMountNode(model, group?.id as string);
    expect(gsel?.container?.id).toBe(A_CONTAINER);
    expect(gsel?.container?.error).toContain('device or resource busy');
    expect(gsel?.memberTotal).toBe(group?.count);
  });

  it('renders text, dot, leaks CSV and the umount plan (deepest first)', () => {
    const text = renderMountText(view);
    expect(text).toMatch(/26,503 mount records/);
    expect(text).toMatch(/12,777 copies held by logxxx-ds-hsbv9 .*LEAK 12,777/);
    expect(text).toMatch(
      /LEAK 12,777 copies of 6,385 devices: .*Removal In Progress.*pod kube-system\/logxxx-ds-hsbv9/,
    );
    const dot = renderMountDot(view);
    expect(dot.startsWith('digraph mounts {')).toBe(true);
    expect(dot.match(/rank=same/g)?.length).toBe(4);
    const csv = renderLeaksCsv(mountRows(model, { leaksOnly: true }))
      .trim()
      .split('\n');
    expect(csv.length).toBe(1 + a.leakedCopies);
    const plan = renderUmountPlan(view.umountPlan, { node: 'n1' });
    const paths = [...plan.matchAll(/^umount (\S+)/gm)].map((m) => (m[1] as string).replace(/'/g, ''));
    expect(paths.length).toBeGreaterThan(100);
    for (let i = 1; i < paths.length; i++)
      expect((paths[i] as string).length).toBeLessThanOrEqual((paths[i - 1] as string).length);
    expect(plan).toMatch(/REVIEWED=yes/);
    expect(plan).toMatch(/# docker rm -f e4261544f8eb/);
  });
});

/** A host with one CSI disk at two kubelet paths (shared peers) and the node's root disk. */
function smallNode(extra: (host: MountEntry[]) => void, opts: Partial<NodeState> = {}): NodeState {
  const host = [
    withOpt(mount({ majMin: '254:1', mountPoint: '/', source: '/dev/vda1', line: 1, id: 20 }), ['shared:1']),
    withOpt(mount({ majMin: '253:16', mountPoint: GM, source: '/dev/vdb', line: 2, id: 30 }), ['shared:7']),
  ];
  extra(host);
  return nodeState({
    mountNamespaces: [hostNs(host)],
    blockDevices: [disk('vda', '254:0', 1), disk('vda1', '254:1', 2, ['/']), disk('vdb', '253:16', 3, [GM])],
    ...opts,
  });
}

describe('mount view: hand-made cases', () => {
  it('a shared peer group: both kubelet paths are host mounts of one device, a peer copy is "shared:N"', () => {
    const state = smallNode((h) =>
      h.push(
        withOpt(
          mount({
            majMin: '253:16',
            mountPoint: `/var/lib/container${GM.slice(8)}`,
            source: '/dev/vdb',
            line: 3,
            id: 31,
          }),
          ['shared:7'],
        ),
      ),
    );
    state.mountNamespaces.push(
      otherNs(
        '4026532001',
        [
          withOpt(mount({ majMin: '253:16', mountPoint: '/data', source: '/dev/vdb', line: 2, id: 501 }), [
            'shared:7',
          ]),
        ],
        { pid: 900 },
      ),
    );
    const view = buildMountView(buildMountModel(state));
    const hostMounts = view.nodes.filter((n) => n.kind === 'host-mount' && n.label.includes('globalmount'));
    expect(hostMounts).toHaveLength(2);
    const e = view.edges.find((x) => x.to.startsWith('c|'));
    expect(e?.kind).toBe('shared');
    expect(e?.label).toBe('shared:7');
    expect(view.summary).toMatch(/^Nothing leaks/);
  });

  it('a slave copy (master:N) in a live namespace is drawn as "master:N" and is not a leak', () => {
    const state = smallNode(() => {});
    state.mountNamespaces.push(
      otherNs(
        '4026532002',
        [
          withOpt(
            mount({ majMin: '253:16', mountPoint: `/host${GM}`, source: '/dev/vdb', line: 2, id: 601 }),
            ['master:7'],
          ),
        ],
        {
          pid: 950,
          comm: 'fluentd',
        },
      ),
    );
    state.containers = [
      container({ id: 'a'.repeat(64), name: 'k8s_fluentd_fluentd-x1_logging_u_0', pid: 950, line: 1 }),
    ];
    const view = buildMountView(buildMountModel(state));
    const e = view.edges.find((x) => x.kind === 'master');
    expect(e?.label).toBe('master:7');
    expect(e?.from).toBe('h|30');
    const h = view.holders[0];
    expect(h?.pod).toBe('logging/fluentd-x1');
    expect(h?.state).toBe('running');
    expect(h?.pid).toBe(950);
    expect(h?.leak).toBe(false);
    expect(view.nodes.every((n) => !n.leak)).toBe(true);
  });

  it('a stacked mount: two mounts on one path are both drawn, the upper one marked stacked', () => {
    const state = smallNode((h) =>
      h.push(mount({ majMin: '253:32', mountPoint: GM, source: '/dev/vdc', line: 3, id: 40 })),
    );
    state.blockDevices.push(disk('vdc', '253:32', 4));
    const view = buildMountView(buildMountModel(state));
    const onPath = view.nodes.filter((n) => n.kind === 'host-mount' && n.label === GM);
    expect(onPath).toHaveLength(2);
    expect(onPath.filter((n) => n.detail?.includes('stacked'))).toHaveLength(1);
  });

  it('a namespace with no leaks gets its topology grouped and a plain "nothing leaks"', () => {
    const state = smallNode(() => {});
    const binds = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/dev/termination-log'].map((p, i) =>
      mount({
        majMin: '254:1',
        mountPoint: p,
        root: `/var/lib/kubelet/pods/u1/${i}`,
        source: '/dev/vda1',
        line: i + 2,
        id: 700 + i,
      }),
    );
    state.mountNamespaces.push(otherNs('4026532003', binds, { pid: 1200, comm: 'nginx' }));
    state.containers = [
      container({ id: 'b'.repeat(64), name: 'k8s_web_web-1_default_u1_0', pid: 1200, line: 1 }),
    ];
    state.processes = [proc({ pid: 1200, comm: 'nginx', line: 1 })];
    const view = buildMountView(buildMountModel(state));
    expect(view.summary).toMatch(/^Nothing leaks: 6 mount records in 2 namespaces/);
    expect(view.holders).toEqual([
      expect.objectContaining({ kind: 'container', leak: false, copies: 4, state: 'running' }),
    ]);
    expect(renderMountText(view)).toMatch(/Nothing leaks/);
    expect(renderUmountPlan(view.umountPlan)).toMatch(/Nothing leaks/);
  });

  it('a bind of a subdirectory (root != /) links to the host mount of its device and is counted as a bind', () => {
    const state = smallNode(() => {});
    state.mountNamespaces.push(
      otherNs(
        '4026532004',
        [
          mount({
            majMin: '254:1',
            mountPoint: '/etc/hosts',
            root: '/var/lib/kubelet/pods/u2/etc-hosts',
            source: '/dev/vda1',
            line: 2,
            id: 801,
          }),
        ],
        {
          pid: 1300,
        },
      ),
    );
    const model = buildMountModel(state);
    const view = buildMountView(model);
    const e = view.edges.find((x) => x.to.startsWith('c|'));
    expect(e?.from).toBe('h|20');
    expect(e?.bind).toBe(1);
    expect(e?.label).toMatch(/bind/);
    expect(mountRows(model).find((r) => r.role === 'copy')?.hostPath).toBe('/');
  });

  it('a device missing from lsblk carries the badge; with I/O errors its backing disk is gone', () => {
    const state = smallNode((h) =>
      h.push(
        mount({
          majMin: '253:48',
          mountPoint: '/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pv-2/globalmount',
          source: '/dev/vdd',
          line: 3,
          id: 50,
        }),
      ),
    );
    state.logs.dmesg = [
      {
        probe: 'dmesg',
        line: 1,
        lineCount: 1,
        message: 'blk_update_request: I/O error, dev vdd, sector 1024 op 0x0:(READ)',
      },
    ];
    const view = buildMountView(buildMountModel(state));
    const devs = view.nodes.filter((n) => n.kind === 'device');
    const vdd = devs.find((n) => n.label === 'vdd');
    expect(vdd?.badges).toMatchObject({ 'missing-from-lsblk': 1, 'backing-disk-gone': 1, 'io-errors': 1 });
    expect(devs.find((n) => n.label === 'vdb')?.badges).toBeUndefined();
  });
});
