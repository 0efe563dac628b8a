import { describe, expect, it } from 'vitest';
import { incidentA, incidentAPeers } from './analysis/test-support/incident-a.ts';
import {
  healthyNode,
  incidentB,
  incidentC,
  incidentD,
  incidentE,
} from './analysis/test-support/incidents.ts';
import { analyzeNodeState } from './analyze.ts';
import type { AnalysisResult, Finding } from './model/finding.ts';
import type { RuleId } from './model/rule-id.ts';

function byRule(r: AnalysisResult, rule: RuleId): Finding {
  const f = r.findings.find((x) => x.rule === rule);
  if (!f) throw new Error(`no ${rule} finding; got ${r.findings.map((x) => x.rule).join(', ')}`);
  return f;
}

function serious(r: AnalysisResult): string[] {
  return r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}:${f.severity}`);
}

describe('healthy node', () => {
  it('yields no warning or critical finding, and metrics for every source', () => {
    const r = analyzeNodeState(healthyNode());
    expect(serious(r)).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.metrics['threads.kernel']).toBe(182);
    expect(r.metrics['mounts.leaked']).toBe(0);
    expect(r.metrics['psi.io.some.avg10']).toBe(0.1);
    expect(r.metrics['systemd.ping_ms']).toBe(3);
  });

  it('stays quiet next to healthy peers', () => {
    const node = healthyNode();
    const own = analyzeNodeState(node).metrics;
    const peers = [1, 2, 3, 4].map((i) => ({ name: `worker-${i + 1}`, metrics: { ...own } }));
    expect(serious(analyzeNodeState(node, { peers, nodeName: 'worker-1' }))).toEqual([]);
  });
});

describe('incident A: mount leak through HostToContainer propagation', () => {
  const a = incidentA(0.05);
  const r = analyzeNodeState(a.state, { peers: incidentAPeers(), nodeName: 'k8s-prd-standard-43.113' });

  it('finds the leak, the thread flood, the retry storm, the stuck container, the disk errors and the peer gap', () => {
    expect(serious(r)).toEqual(
      expect.arrayContaining([
        'mount-propagation-leak:critical',
        'kernel-thread-flood:warning',
        'volume-teardown-stuck:critical',
        'container-stuck-removal:critical',
        'filesystem-shutdown:critical',
        'fleet-outlier:critical',
      ]),
    );
    expect(r.findings.map((f) => f.rule)).toContain('disk-io-errors');
  });

  it('names the dead container and points evidence at leaked mount lines', () => {
    const f = byRule(r, 'mount-propagation-leak');
    expect(f.summary).toContain(
      `mount records of ${a.devices} devices held under the rootfs of container e4261544f8eb, which is dead (Removal In Progress)`,
    );
    expect(f.evidenceTotal).toBe(a.leakedCopies);
    const mountEvidence = f.evidence.filter((e) => e.probe === 'mountinfo');
    expect(mountEvidence.length).toBeGreaterThan(0);
    for (const e of mountEvidence) expect(a.mountLines.get(e.line)).toContain('/merged/logxxx_host/');
    expect(f.evidence[0]).toMatchObject({ probe: 'containers', line: 2 });
  });

  it('shows the kubelet retry storm with its rate and backoff', () => {
    const f = byRule(r, 'volume-teardown-stuck');
    expect(f.summary).toMatch(/failed volume teardowns in the kubelet log \([\d,]+\/min at peak\)/);
    expect(f.summary).toContain('Retries back off to 2m2s');
    expect(f.evidence[0]).toMatchObject({ probe: 'kubelet-log', line: 2 });
    expect(f.evidenceTotal).toBe(a.kubeletErrors);
  });

  it('compares kubelet CPU with the pool like the write-up did', () => {
    expect(byRule(r, 'fleet-outlier').summary).toContain('kubelet CPU 2,022% is 75.7x the peer median 26.7%');
  });

  it('lists the vdfiw errors per device with the dmesg lines', () => {
    const f = byRule(r, 'filesystem-shutdown');
    expect(f.summary).toContain('vdfiw (journal aborted, remounted read-only');
    expect(f.evidence.map((e) => e.line)).toEqual([4, 5, 7, 8]);
  });

  it('is JSON-serialisable', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('incident A at full scale', () => {
  const a = incidentA(1);

  it('counts 12,777 copies of 6,385 devices, 12,769 jbd2 threads and 6,385 ext4-rsv-conver', () => {
    const r = analyzeNodeState(a.state, { peers: incidentAPeers() });
    const leak = byRule(r, 'mount-propagation-leak');
    expect(leak.summary).toContain(
      '12,777 mount records of 6,385 devices held under the rootfs of container e4261544f8eb',
    );
    expect(leak.details?.leakedCopies).toBe(12_777);
    expect(leak.details?.leakedDevices).toBe(6_385);
    const threads = byRule(r, 'kernel-thread-flood');
    expect(threads.summary).toContain('19,798 kernel threads of 20,135 tasks');
    expect(threads.summary).toContain('12,769 jbd2+jbd2-ckpt and 6,385 ext4-rsv-conver');
    expect(r.metrics['mounts.total']).toBe(26_503);
    expect(r.metrics['tasks.total']).toBe(20_135);
    const plan = (
      leak.details?.umountPlan as { commandTotal: number; commands: string[] }[] | undefined
    )?.[0];
    expect(plan?.commandTotal).toBe(12_777);
    expect(plan?.commands.length).toBe(200);
    expect(JSON.stringify(r).length).toBeLessThan(400_000);
  });

  it('analysis time grows linearly with the node (half scale vs full scale)', () => {
    // Flat strings, as parsers produce them (builders make rope strings).
    const full = JSON.parse(JSON.stringify(a.state)) as typeof a.state;
    const half = JSON.parse(JSON.stringify(incidentA(0.5).state)) as typeof a.state;
    const best = (s: typeof a.state) => {
      analyzeNodeState(s);
      let ms = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        analyzeNodeState(s, { peers: incidentAPeers() });
        ms = Math.min(ms, performance.now() - t);
      }
      return ms;
    };
    // Absolute speed is measured by `npm run bench -- core`; here only the growth: linear work
    // doubles from half to full scale, a pairwise pass over 12,777 copies would quadruple.
    const halfMs = best(half);
    const fullMs = best(full);
    expect(fullMs / Math.max(halfMs, 1)).toBeLessThan(3.2);
  });
});

describe('incident B: PLEG not healthy under I/O pressure', () => {
  const r = analyzeNodeState(incidentB());
  it('yields pleg-unhealthy, runtime-slow and pressure-stall', () => {
    expect(serious(r)).toEqual(
      expect.arrayContaining(['pleg-unhealthy:critical', 'runtime-slow:warning', 'pressure-stall:critical']),
    );
  });
  it('reports the 42 s relist gap from the timestamps and the staleness', () => {
    const f = byRule(r, 'pleg-unhealthy');
    expect(f.summary).toContain('last seen active 180.5 s ago; threshold 180 s');
    expect(f.summary).toContain('longest relist gap 42.3 s (05:48:07 -> 05:48:49)');
    expect(f.metrics['pleg.relist_max_gap_s']).toBeCloseTo(42.32, 2);
    expect(f.evidence[0]).toMatchObject({ probe: 'kubelet-log', line: 489 });
  });
  it('quotes PSI io and the containerd TaskExit failures', () => {
    expect(byRule(r, 'pressure-stall').summary).toContain('io some 63.2%');
    expect(byRule(r, 'pressure-stall').evidence[0]).toMatchObject({ probe: 'psi', line: 8 });
    const rt = byRule(r, 'runtime-slow');
    expect(rt.summary).toContain('3 container runtime calls');
    expect(rt.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
  });
});

describe('incident C: kubelet exits on I/O errors, XFS shutdown', () => {
  const r = analyzeNodeState(incidentC());
  it('yields the restart loop, disk errors, filesystem shutdown and slab failures', () => {
    expect(serious(r)).toEqual(
      expect.arrayContaining([
        'kubelet-restart-loop:critical',
        'disk-io-errors:critical',
        'filesystem-shutdown:critical',
        'slab-allocation-failure:warning',
      ]),
    );
  });
  it('counts restarts and quotes the exit status and fatal error', () => {
    const f = byRule(r, 'kubelet-restart-loop');
    expect(f.summary).toContain('exited 6 times and was restarted 6 times');
    expect(f.summary).toContain('status=255/n/a x6');
    expect(f.summary).toContain('read /var/lib/kubelet/pki/kubelet.crt: input/output error');
  });
  it('names the failing devices, the shut-down filesystem and its mount', () => {
    const io = byRule(r, 'disk-io-errors');
    expect(io.summary).toMatch(/on 3 devices: vdb \d+, vda 3, vda1 1/);
    expect(io.summary).toContain(
      '/data/log/kubernetes/kubelet.k8s-node-xxx.root.log.INFO.20190413-093251.31732',
    );
    const fs = byRule(r, 'filesystem-shutdown');
    expect(fs.summary).toContain('vdb (forced shutdown, shut down, log force errors; mounted at /data)');
  });
  it('puts the SLUB failures 21 hours before the first I/O error', () => {
    const f = byRule(r, 'slab-allocation-failure');
    expect(f.summary).toContain('blkdev_ioc (per-memory-cgroup cache)');
    expect(f.summary).toContain('21.1 h before the first disk I/O error');
    expect(f.evidence[0]).toMatchObject({ probe: 'dmesg', line: 1 });
  });
});

describe('incident D: memory cgroup leak with kmem accounting on 3.10', () => {
  const r = analyzeNodeState(incidentD());
  it('yields cgroup-id-exhaustion and kmem-accounting-risk as critical', () => {
    expect(serious(r)).toEqual(
      expect.arrayContaining(['cgroup-id-exhaustion:critical', 'kmem-accounting-risk:critical']),
    );
  });
  it('names the memory hierarchy as the one whose ids run out, as seed D reasons', () => {
    const f = byRule(r, 'cgroup-id-exhaustion');
    expect(f.summary).toMatch(/^Memory cgroup ids \(65,535 at most\) are at risk/);
    expect(f.summary).toContain('cgroup mkdir under memory failed with "no space left on device" 12 times');
    expect(f.summary).toContain('/proc/cgroups shows memory 109, but deleted memory cgroups keep their ids');
    // The other hierarchies show the leak as counts far above their directories, not against 65,535.
    expect(f.summary).toContain('devices 229,504 cgroups against 121 directories');
    expect(f.summary).toContain('cpuset 229,418 cgroups');
    expect(f.summary).not.toContain('x the 65,535');
    expect(f.summary).toContain('kmem accounting on (kernel 3.10.0-514.10.2.el7.x86_64, where it leaks)');
    expect(f.details?.atRisk).toBe('memory');
    expect(f.evidence.slice(0, 2)).toEqual([
      { probe: 'cgroups', line: 6, text: 'devices 229504 (dirs 121)' },
      { probe: 'cgroups', line: 2, text: 'cpuset 229418 (dirs 121)' },
    ]);
  });
  it('names the kernel and how kmem accounting was detected', () => {
    const f = byRule(r, 'kmem-accounting-risk');
    expect(f.summary).toContain('memory.kmem.slabinfo readable under kubepods');
    expect(f.summary).toContain('3.10.0-514.10.2.el7.x86_64');
    expect(f.evidence[0]).toMatchObject({ probe: 'cgroups', line: 26 });
  });
});

describe('incident E: runc hangs on D-Bus to systemd', () => {
  const r = analyzeNodeState(incidentE());
  it('yields systemd-unresponsive and runc-stuck as critical', () => {
    expect(serious(r)).toEqual(
      expect.arrayContaining(['systemd-unresponsive:critical', 'runc-stuck:critical']),
    );
  });
  it('uses the timed-out probe as evidence and warns about it', () => {
    const f = byRule(r, 'systemd-unresponsive');
    expect(f.evidence[0]).toEqual({ probe: 'systemd', line: 0, text: 'probe timed out' });
    expect(f.summary).toContain('systemctl daemon-reexec');
    expect(r.warnings.map((w) => w.message)).toContain('probe systemd timed out; its output may be partial');
  });
  it('lists runc processes older than a minute, not the young one or the shim', () => {
    const f = byRule(r, 'runc-stuck');
    expect(f.summary).toContain('3 runc processes older than 60 s (oldest 30 min)');
    expect(f.evidence.map((e) => e.line)).toEqual([501, 502, 503]);
  });
});
