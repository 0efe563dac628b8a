import { describe, expect, it } from 'vitest';
import {
  at,
  container,
  disk,
  events,
  hostNs,
  kthread,
  mount,
  nodeState,
  otherNs,
  proc,
} from '../analysis/test-support/builders.ts';
import { healthyNode } from '../analysis/test-support/incidents.ts';
import { analyzeNodeState } from '../analyze.ts';
import type { NodeState } from '../model/node-state.ts';
import { RULE_IDS, type RuleId, type Severity } from '../model/rule-id.ts';
import { DETECTORS } from './registry.ts';

/** One positive and one negative state per rule; each runs through the whole analysis. */
interface Case {
  rule: RuleId;
  name: string;
  state: () => NodeState;
  peers?: { name: string; metrics: Record<string, number> }[];
  expect: Severity | undefined;
  summary?: string;
}

const LAYER = 'a'.repeat(64);
const CID = 'b'.repeat(64);
const t0 = '2026-11-22T10:00:00.000Z';
const kubelet = (lines: string[], spacingS = 1) =>
  events(
    'kubelet-log',
    lines.map((message, i) => ({ message, time: at(t0, i * spacingS) })),
  );
const dmesg = (lines: string[]) =>
  events(
    'dmesg',
    lines.map((message, i) => ({ message, time: at(t0, i) })),
  );
const runtime = (lines: string[]) =>
  events(
    'runtime-log',
    lines.map((message, i) => ({ message, time: at(t0, i) })),
  );
const psiState = (io: number, mem = 0, cpu = 0): NodeState['pressure'] => {
  const l = (avg10: number, line: number) => ({ avg10, avg60: avg10, avg300: avg10, total: 1, line });
  return {
    available: true,
    io: { some: l(io, 2), full: l(io / 4, 3) },
    memory: { some: l(mem, 5), full: l(0, 6) },
    cpu: { some: l(cpu, 8) },
  };
};

const CASES: Case[] = [
  {
    rule: 'mount-propagation-leak',
    name: 'copies under a dead container rootfs in the host table',
    state: () =>
      nodeState({
        mountNamespaces: [
          hostNs([
            mount({
              majMin: '8:16',
              mountPoint: '/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pv1/globalmount',
              source: '/dev/sdb',
              line: 1,
            }),
            mount({
              majMin: '8:16',
              mountPoint: `/var/lib/docker/overlay2/${LAYER}/merged/host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pv1/globalmount`,
              source: '/dev/sdb',
              line: 2,
            }),
          ]),
        ],
        containers: [
          container({
            id: CID,
            state: 'dead',
            status: 'Dead',
            error: `unlinkat /var/lib/docker/overlay2/${LAYER}/merged: device or resource busy`,
            line: 1,
          }),
        ],
      }),
    expect: 'critical',
    summary:
      '1 mount records of 1 device held under the rootfs of container bbbbbbbbbbbb, which is dead (Dead)',
  },
  {
    rule: 'mount-propagation-leak',
    name: 'copy in a namespace whose host mount is gone',
    state: () =>
      nodeState({
        mountNamespaces: [
          hostNs([mount({ majMin: '8:1', mountPoint: '/', source: '/dev/sda1', line: 1 })]),
          otherNs(
            '4026532300',
            [
              mount({
                majMin: '8:32',
                mountPoint:
                  '/logs/host/var/lib/kubelet/pods/11111111-2222-3333-4444-555555555555/volumes/kubernetes.io~csi/pvc-9/mount',
                source: '/dev/sdc',
                line: 3,
              }),
            ],
            { pid: 777, comm: 'fluent-bit' },
          ),
        ],
      }),
    expect: 'critical',
    summary: 'held in mount namespace 4026532300 (pid 777 fluent-bit)',
  },
  {
    rule: 'mount-propagation-leak',
    name: 'only kubelet reference lists (no mount tables)',
    state: () =>
      nodeState({
        logs: {
          'kubelet-log': kubelet([
            `Operation for "{volumeName:kubernetes.io/csi/x^pv1 podName: nodeName:}" failed. (durationBeforeRetry 1m4s). Error: "GetDeviceMountRefs check failed for volume "pv1" (UniqueName: "x") on node "n" : the device mount path "/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pv1/globalmount" is still mounted by other references [/var/lib/docker/overlay2/${LAYER}/merged/h/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pv1/globalmount]"`,
          ]),
          'runtime-log': [],
          dmesg: [],
        },
      }),
    expect: 'warning',
    summary: 'kubelet reports 1 volume still mounted by 1 reference under a container rootfs',
  },
  { rule: 'mount-propagation-leak', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'kernel-thread-flood',
    name: 'kworker runaway',
    state: () =>
      nodeState({
        system: { cpus: 4 },
        processes: Array.from({ length: 1_600 }, (_, i) =>
          kthread(`kworker/u8:${i}-writeback`, 10 + i, i + 2),
        ),
      }),
    expect: 'warning',
    summary: '1,600 kworker threads (most on writeback: 1,600)',
  },
  {
    rule: 'kernel-thread-flood',
    name: 'far above the fleet',
    state: () =>
      nodeState({
        processes: Array.from({ length: 2_500 }, (_, i) => kthread(`ksoftirqd/${i}`, 10 + i, i + 2)),
      }),
    peers: ['a', 'b', 'c'].map((name) => ({ name, metrics: { 'threads.kernel': 400 } })),
    expect: 'warning',
    summary: "Peers' median is 400 (6.3x)",
  },
  { rule: 'kernel-thread-flood', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'volume-teardown-stuck',
    name: 'UnmountDevice and TearDown failures',
    state: () =>
      nodeState({
        logs: {
          'kubelet-log': kubelet([
            'UnmountDevice failed for volume "pvc-1" (UniqueName: "kubernetes.io/csi/x^1") on node "n" : rpc error: code = Internal desc = umount failed: target is busy',
            'operationExecutor.UnmountVolume failed (controllerAttachDetachEnabled true) for volume "data" (UniqueName: "kubernetes.io/csi/x^2") pod "abc" (UID: "abc") : UnmountVolume.TearDown failed for volume "data" (UniqueName: "kubernetes.io/csi/x^2") pod "abc" (UID: "abc") : kubernetes.io/csi: Unmounter.TearDownAt failed: rpc error',
            'orphaned pod "0f1e2d3c-1111-2222-3333-444455556666" found, but volume paths are still present on disk : There were a total of 2 errors similar to this. Turn up verbosity to see them.',
          ]),
          'runtime-log': [],
          dmesg: [],
        },
      }),
    expect: 'warning',
    summary: '3 failed volume teardowns in the kubelet log',
  },
  { rule: 'volume-teardown-stuck', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'container-stuck-removal',
    name: 'runtime log says the rootfs is busy',
    state: () =>
      nodeState({
        logs: {
          'kubelet-log': [],
          'runtime-log': runtime([
            `level=error msg="Handler for DELETE /v1.41/containers/x returned error: container x: driver \\"overlay2\\" failed to remove root filesystem: unlinkat /var/lib/docker/overlay2/${LAYER}/merged: device or resource busy"`,
          ]),
          dmesg: [],
        },
      }),
    expect: 'warning',
  },
  { rule: 'container-stuck-removal', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'disk-io-errors',
    name: 'Buffer I/O errors and an error -5 on one device',
    state: () =>
      nodeState({
        logs: {
          dmesg: dmesg([
            'Buffer I/O error on dev sdb1, logical block 0, async page read',
            'print_req_error: I/O error, dev sdb, sector 0',
          ]),
          'kubelet-log': [],
          'runtime-log': [],
        },
      }),
    expect: 'critical',
    summary: '2 kernel I/O errors on 2 devices: sdb1 1, sdb 1',
  },
  { rule: 'disk-io-errors', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'filesystem-shutdown',
    name: 'XFS corruption',
    state: () =>
      nodeState({
        logs: {
          dmesg: dmesg(['XFS (dm-3): Corruption of in-memory data detected.  Shutting down filesystem']),
          'kubelet-log': [],
          'runtime-log': [],
        },
      }),
    expect: 'critical',
    summary: 'dm-3 (shut down, in-memory corruption)',
  },
  { rule: 'filesystem-shutdown', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'hung-task',
    name: 'hung task reports and D-state tasks',
    state: () =>
      nodeState({
        processes: Array.from({ length: 6 }, (_, i) =>
          proc({
            pid: 100 + i,
            comm: 'containerd-shim',
            state: 'D',
            wchan: 'rwsem_down_write_slowpath',
            line: i + 2,
          }),
        ),
        logs: {
          dmesg: dmesg(['INFO: task containerd-shim:4321 blocked for more than 120 seconds.']),
          'kubelet-log': [],
          'runtime-log': [],
        },
      }),
    expect: 'warning',
    summary:
      '1 hung-task report (longest 120 s: containerd-shim:4321); 6 tasks in D state (waiting in rwsem_down_write_slowpath 6)',
  },
  { rule: 'hung-task', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'pleg-unhealthy',
    name: 'relist gap only',
    state: () =>
      nodeState({
        logs: {
          'kubelet-log': events(
            'kubelet-log',
            [0, 1, 2, 20, 21].map((s) => ({ message: '"GenericPLEG: Relisting"', time: at(t0, s) })),
          ),
          'runtime-log': [],
          dmesg: [],
        },
      }),
    expect: 'warning',
    summary: 'Longest relist gap 18 s (10:00:02 -> 10:00:20)',
  },
  { rule: 'pleg-unhealthy', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'runtime-slow',
    name: 'DeadlineExceeded from kubelet',
    state: () =>
      nodeState({
        logs: {
          'kubelet-log': kubelet([
            '"CreateContainer in sandbox from runtime service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
          ]),
          'runtime-log': [],
          dmesg: [],
        },
      }),
    expect: 'warning',
  },
  { rule: 'runtime-slow', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'pressure-stall',
    name: 'memory pressure',
    state: () => nodeState({ pressure: psiState(1, 45) }),
    expect: 'critical',
    summary: 'memory some 45%',
  },
  {
    rule: 'pressure-stall',
    name: 'busy but fine CPU',
    state: () => nodeState({ pressure: psiState(2, 1, 40) }),
    expect: undefined,
  },
  {
    rule: 'kubelet-restart-loop',
    name: 'newer systemd restart counter',
    state: () =>
      nodeState({
        logs: {
          'kubelet-log': kubelet([
            'kubelet.service: Main process exited, code=exited, status=1/FAILURE',
            "kubelet.service: Failed with result 'exit-code'.",
            'kubelet.service: Scheduled restart job, restart counter is at 41.',
            'kubelet.service: Main process exited, code=exited, status=1/FAILURE',
            'kubelet.service: Scheduled restart job, restart counter is at 42.',
            'kubelet.service: Main process exited, code=exited, status=1/FAILURE',
            'kubelet.service: Scheduled restart job, restart counter is at 43.',
          ]),
          'runtime-log': [],
          dmesg: [],
        },
      }),
    expect: 'critical',
    summary: 'exit status=1/FAILURE x3',
  },
  { rule: 'kubelet-restart-loop', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'slab-allocation-failure',
    name: 'page allocation failure',
    state: () =>
      nodeState({
        logs: {
          dmesg: dmesg(['kworker/0:1: page allocation failure: order:4, mode:0x40cc0']),
          'kubelet-log': [],
          'runtime-log': [],
        },
      }),
    expect: 'warning',
  },
  { rule: 'slab-allocation-failure', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'cgroup-id-exhaustion',
    name: 'cgroup v2 dying descendants',
    state: () =>
      nodeState({
        cgroups: {
          version: 2,
          hierarchies: [],
          dirCounts: {},
          v2Stat: { nrDescendants: 400, nrDyingDescendants: 61_000, line: 4 },
          kmem: {},
        },
      }),
    expect: 'critical',
    summary: '61,401 of 65,535 memory cgroup ids in use; 61,000 dying cgroups',
  },
  { rule: 'cgroup-id-exhaustion', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'kmem-accounting-risk',
    name: 'kmem limit set on a 4.4 kernel',
    state: () =>
      nodeState({
        system: { kernelRelease: '4.4.0-36-generic' },
        cgroups: { hierarchies: [], dirCounts: {}, kmem: { limitSet: true, line: 7 } },
      }),
    expect: 'warning',
    summary: 'memory.kmem.limit_in_bytes set) on kernel 4.4.0-36-generic',
  },
  {
    rule: 'kmem-accounting-risk',
    name: 'kmem on a fixed kernel',
    state: () =>
      nodeState({
        system: { kernelRelease: '5.10.0' },
        cgroups: { hierarchies: [], dirCounts: {}, kmem: { slabinfoReadable: true, line: 7 } },
      }),
    expect: undefined,
  },
  {
    rule: 'systemd-unresponsive',
    name: 'slow ping',
    state: () => nodeState({ systemd: { pingMs: 2_400, pingTimedOut: false, failedUnits: [], errors: [] } }),
    expect: 'warning',
    summary: 'systemd answered a D-Bus ping in 2,400 ms',
  },
  { rule: 'systemd-unresponsive', name: 'healthy', state: healthyNode, expect: undefined },
  {
    rule: 'runc-stuck',
    name: 'one old runc init in D state',
    state: () =>
      nodeState({
        processes: [
          proc({ pid: 9, comm: 'runc:[2:INIT]', args: 'runc init', state: 'D', elapsedSeconds: 90, line: 4 }),
        ],
      }),
    expect: 'critical',
  },
  {
    rule: 'runc-stuck',
    name: 'young runc and an old shim',
    state: () =>
      nodeState({
        processes: [
          proc({ pid: 9, comm: 'runc', args: 'runc --root /run/runc start x', elapsedSeconds: 2, line: 4 }),
          proc({
            pid: 10,
            comm: 'containerd-shim',
            args: '/usr/bin/containerd-shim-runc-v2 -id x',
            elapsedSeconds: 9_000,
            line: 5,
          }),
        ],
      }),
    expect: undefined,
  },
  {
    rule: 'fleet-outlier',
    name: 'PSI io against a zero median',
    state: () => nodeState({ pressure: psiState(30) }),
    peers: ['a', 'b', 'c'].map((name) => ({ name, metrics: { 'psi.io.some.avg10': 0 } })),
    expect: 'warning',
    summary: 'PSI io some avg10 30% while the peer median is 0%',
  },
  {
    rule: 'fleet-outlier',
    name: 'too few peers',
    state: () => nodeState({ pressure: psiState(30) }),
    peers: ['a', 'b'].map((name) => ({ name, metrics: { 'psi.io.some.avg10': 0 } })),
    expect: undefined,
  },
];

describe('detectors', () => {
  it('registry holds one detector per rule id, in order', () => {
    expect(DETECTORS.map((d) => d.rule)).toEqual([...RULE_IDS]);
  });

  it('every rule has a positive and a negative case', () => {
    for (const rule of RULE_IDS) {
      expect(
        CASES.some((c) => c.rule === rule && c.expect),
        rule,
      ).toBe(true);
      expect(
        CASES.some((c) => c.rule === rule && !c.expect),
        rule,
      ).toBe(true);
    }
  });

  it.each(CASES)('$rule: $name -> $expect', (c) => {
    const r = analyzeNodeState(c.state(), c.peers ? { peers: c.peers, nodeName: 'me' } : {});
    const f = r.findings.find((x) => x.rule === c.rule);
    expect(f?.severity).toBe(c.expect);
    if (c.summary) expect(f?.summary).toContain(c.summary);
    if (f) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.evidence.length).toBeLessThanOrEqual(20);
      expect(f.evidenceTotal).toBeGreaterThanOrEqual(f.evidence.length);
    }
  });
});

// Referenced so the table can grow to block-device cases without unused-import churn.
void disk;
