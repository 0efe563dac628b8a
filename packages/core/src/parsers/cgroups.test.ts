import { describe, expect, it } from 'vitest';
import { parseCgroups } from './cgroups.ts';
import { fixture } from './fixtures/load.test-support.ts';

describe('parseCgroups', () => {
  it('parses the probe output captured on a real hybrid host', () => {
    const r = parseCgroups(fixture('real-cgroups.txt'));
    expect(r.warnings).toEqual([]);
    expect(r.value.version).toBe('hybrid');
    expect(r.value.hierarchies.find((h) => h.subsys === 'memory')).toMatchObject({
      hierarchyId: 4,
      enabled: true,
      line: 7,
    });
    expect(r.value.hierarchies).toHaveLength(12);
    expect(r.value.dirCounts.memory).toEqual({ count: 5, line: 32 });
    expect(r.value.dirCounts.unified?.count).toBe(1);
    expect(r.value.kmem).toEqual({});
  });

  it('reads a kernel 3.10 node with leaked cgroups and kmem accounting on (incident D)', () => {
    const text = [
      '## /proc/cgroups',
      '#subsys_name\thierarchy\tnum_cgroups\tenabled',
      'cpuset\t10\t229418\t1',
      'cpu\t6\t118\t1',
      'memory\t7\t109\t1',
      'devices\t9\t229504\t1',
      '## cgroup mounts',
      'cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0',
      'cgroup /sys/fs/cgroup/cpuset cgroup rw,nosuid,nodev,noexec,relatime,cpuset 0 0',
      '## dirs memory 104',
      '## dirs cpuset 118',
      '## kmem /sys/fs/cgroup/memory/kubepods',
      'limit_in_bytes=9223372036854771712',
      'usage_in_bytes=104857600',
      'slabinfo=readable',
    ].join('\n');
    const r = parseCgroups(text);
    expect(r.warnings).toEqual([]);
    expect(r.value).toMatchObject({
      version: 1,
      dirCounts: { memory: { count: 104, line: 10 }, cpuset: { count: 118, line: 11 } },
      kmem: { slabinfoReadable: true, limitSet: false, usageBytes: 104857600, line: 12 },
    });
    expect(r.value.hierarchies.map((h) => [h.subsys, h.numCgroups, h.line])).toEqual([
      ['cpuset', 229418, 3],
      ['cpu', 118, 4],
      ['memory', 109, 5],
      ['devices', 229504, 6],
    ]);
  });

  it.each([
    ['9223372036854771712', false],
    ['9223372036854775807', false],
    ['9223372036854767616', true],
    ['104857600', true],
  ])('kmem limit %s -> limitSet %s', (limit, set) => {
    const r = parseCgroups(`## kmem /sys/fs/cgroup/memory/kubepods\nlimit_in_bytes=${limit}\n`);
    expect(r.value.kmem.limitSet).toBe(set);
    expect(r.value.kmem.limitBytes).toBe(Number(limit));
  });

  it('leaves kmem fields unset when the files do not exist', () => {
    const r = parseCgroups(
      '## kmem /sys/fs/cgroup/memory/kubepods.slice\nlimit_in_bytes=\nusage_in_bytes=\nslabinfo=unreadable\n',
    );
    expect(r.value.kmem).toEqual({ slabinfoReadable: false, line: 1 });
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ['cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate 0 0', 2],
    ['cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0', 1],
    [
      'cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\ncgroup /sys/fs/cgroup/pids cgroup rw,pids 0 0',
      'hybrid',
    ],
  ])('detects the version from mounts: %s', (mounts, version) => {
    expect(parseCgroups(`## cgroup mounts\n${mounts}\n`).value.version).toBe(version);
  });

  it('reads cgroup v2 stat of the root first, with its path', () => {
    const text = [
      '## cgroup.stat /sys/fs/cgroup/cgroup.stat',
      'nr_descendants 312',
      'nr_dying_descendants 48211',
      '## cgroup.stat /sys/fs/cgroup/kubepods.slice/cgroup.stat',
      'nr_descendants 250',
      'nr_dying_descendants 48000',
    ].join('\n');
    expect(parseCgroups(text).value.v2Stat).toEqual({
      nrDescendants: 312,
      nrDyingDescendants: 48211,
      line: 1,
      path: '/sys/fs/cgroup/cgroup.stat',
    });
  });

  it.each([
    [
      'pasted /proc/cgroups with its header',
      '#subsys_name\thierarchy\tnum_cgroups\tenabled\nmemory\t11\t65535\t1\n',
    ],
    [
      'pasted rows with spaces and no #',
      'subsys_name hierarchy num_cgroups enabled\nmemory  11      65535   1\n',
    ],
  ])('%s', (_name, text) => {
    const r = parseCgroups(text);
    expect(r.warnings).toEqual([]);
    expect(r.value.hierarchies).toEqual([
      { subsys: 'memory', hierarchyId: 11, numCgroups: 65535, enabled: true, line: 2 },
    ]);
  });

  it('reads a bare cgroup.stat', () => {
    const r = parseCgroups('nr_descendants 10\nnr_dying_descendants 65000\nnr_subsys_cpu 3\n');
    expect(r.value.v2Stat).toEqual({ nrDescendants: 10, nrDyingDescendants: 65000, line: 1 });
  });

  it('warns about lines it does not understand, with their line', () => {
    const r = parseCgroups(
      '## /proc/cgroups\ncat: /proc/cgroups: No such file or directory\n## dirs memory lots\n',
    );
    expect(r.warnings.map((w) => [w.probe, w.line])).toEqual([
      ['cgroups', 2],
      ['cgroups', 3],
    ]);
  });
});
