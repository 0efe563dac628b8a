import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load.test-support.ts';
import { parseSystem } from './system.ts';

describe('parseSystem', () => {
  it('parses the probe output captured on a real host', () => {
    const r = parseSystem(fixture('real-system.txt'));
    expect(r.warnings).toEqual([]);
    expect(r.value).toMatchObject({
      hostname: 'vm',
      kernelRelease: '6.18.44-fc-v669',
      machine: 'x86_64',
      cpus: 2,
      osPrettyName: 'Debian GNU/Linux 12 (bookworm)',
      memTotalKb: 24731700,
    });
    expect(r.value.loadAvg).toHaveLength(3);
    expect(r.value.memAvailableKb).toBeGreaterThan(0);
    expect(r.value.kubeletVersion).toBeUndefined();
    expect(r.value.runtimeName).toBeUndefined();
  });

  const base = [
    'hostname=k8s-prd-standard-43.113',
    'kernel_release=4.19.91-26.6.al7.x86_64',
    'kernel_version=#1 SMP Tue Mar 14 17:06:36 CST 2023',
    'machine=x86_64',
    'nproc=48',
    'uptime=21254165.58 800000000.12',
    'loadavg=48.03 43.91 42.94 10/20135 3999999',
    'os=Alibaba Cloud Linux (Aliyun Linux) 2.1903 LTS (Hunting Beagle)',
  ];
  it.each([
    {
      name: 'docker node on kubelet 1.19 (incident A)',
      extra: [
        'kubelet_version=Kubernetes v1.19.3',
        'containerd_version=containerd github.com/containerd/containerd v1.4.3 269548fa27e0089a8b8278fc4fc781d7f65a939b',
        'docker_version=20.10.7',
      ],
      want: { kubeletVersion: 'v1.19.3', runtimeName: 'docker', runtimeVersion: '20.10.7' },
    },
    {
      name: 'containerd after dockershim removal, docker still installed',
      extra: [
        'kubelet_version=Kubernetes v1.24.17',
        'containerd_version=containerd github.com/containerd/containerd v1.6.21 3dce8eb055cbb6872793272b4f20ed16117344f8',
        'docker_version=20.10.7',
      ],
      want: { kubeletVersion: 'v1.24.17', runtimeName: 'containerd', runtimeVersion: '1.6.21' },
    },
    {
      name: 'containerd only',
      extra: [
        'kubelet_version=Kubernetes v1.19.3',
        'containerd_version=containerd github.com/containerd/containerd v1.6.21 3dce8eb',
        'docker_version=',
      ],
      want: { runtimeName: 'containerd', runtimeVersion: '1.6.21' },
    },
  ])('$name', ({ extra, want }) => {
    const text = [
      ...base,
      ...extra,
      '## meminfo',
      'MemTotal:       325058560 kB',
      'MemFree:         1024000 kB',
      'MemAvailable:   20480000 kB',
      'HugePages_Total:       0',
    ].join('\n');
    const r = parseSystem(text);
    expect(r.warnings).toEqual([]);
    expect(r.value).toMatchObject({
      hostname: 'k8s-prd-standard-43.113',
      kernelRelease: '4.19.91-26.6.al7.x86_64',
      cpus: 48,
      uptimeSeconds: 21254165.58,
      loadAvg: [48.03, 43.91, 42.94],
      memTotalKb: 325058560,
      memAvailableKb: 20480000,
      ...want,
    });
  });

  it('warns about bad numbers and unknown lines with their line', () => {
    const r = parseSystem('nproc=lots\nloadavg=a b c\nrandom words\n');
    expect(r.warnings.map((w) => w.line)).toEqual([1, 2, 3]);
    expect(r.value).toEqual({});
  });
});
