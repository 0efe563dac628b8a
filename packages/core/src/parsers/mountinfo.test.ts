import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load.test-support.ts';
import { bestCpuMs } from './fixtures/timing.test-support.ts';
import { parseMountinfo, parseMountinfoNs } from './mountinfo.ts';
import { splitOptions, unescapeOctal } from './mountinfo-line.ts';

describe('parseMountinfo: single lines', () => {
  const cases: { name: string; line: string; expect: Record<string, unknown> }[] = [
    {
      name: 'plain ext4 with a shared peer group',
      line: '62 0 253:0 / / rw,relatime shared:1 - ext4 /dev/mapper/ssd-root rw,seclabel,data=ordered',
      expect: {
        mountId: 62,
        parentId: 0,
        major: 253,
        minor: 0,
        root: '/',
        mountPoint: '/',
        mountOptions: ['rw', 'relatime'],
        optional: { shared: 1, raw: ['shared:1'] },
        fsType: 'ext4',
        source: '/dev/mapper/ssd-root',
        superOptions: ['rw', 'seclabel', 'data=ordered'],
      },
    },
    {
      name: 'escaped space in the mount point',
      line: '486 28 252:1 / /mnt/foo\\040bar rw,relatime shared:243 - ext4 /dev/vda1 rw,data=ordered',
      expect: { mountPoint: '/mnt/foo bar' },
    },
    {
      name: 'newline, tab, space and backslash escapes in root and mount point',
      line: '649 94 259:5 /tmp/a\\012b\\011c\\040d\\134e\'f" /x\\134y rw - ext4 /dev/nvme0n1p5 rw',
      expect: { root: '/tmp/a\nb\tc d\\e\'f"', mountPoint: '/x\\y' },
    },
    {
      name: 'empty source (kernel < 5.1) gives two spaces',
      line: '279 23 0:108 / /tmp/bb rw,relatime - tmpfs  rw',
      expect: { source: '', fsType: 'tmpfs', superOptions: ['rw'] },
    },
    {
      name: 'raw spaces in cifs super options are kept',
      line: '31 21 0:23 / /DATA/x rw - cifs //foo/BLA\\040BLA/ rw,unc=\\\\foo\\BLA BLA,username=me',
      expect: { source: '//foo/BLA BLA/', superOptions: ['rw', 'unc=\\\\foo\\BLA BLA', 'username=me'] },
    },
    {
      name: 'all optional fields, unknown ones kept in raw',
      line: '5 1 8:1 / /m rw master:1 shared:44 propagate_from:7 unbindable extra:tag - ext4 /dev/sda1 rw',
      expect: {
        optional: {
          master: 1,
          shared: 44,
          propagateFrom: 7,
          unbindable: true,
          raw: ['master:1', 'shared:44', 'propagate_from:7', 'unbindable', 'extra:tag'],
        },
      },
    },
    {
      name: 'quoted SELinux context with a comma stays one option',
      line: '761 60 8:0 / /p rw shared:421 - ext4 /dev/sda rw,context="system_u:object_r:c:s0:c314,c894",data=ordered',
      expect: { superOptions: ['rw', 'context="system_u:object_r:c:s0:c314,c894"', 'data=ordered'] },
    },
    {
      name: 'two spaces between root and mount point are tolerated',
      line: '1 1 0:5 /  /root rw,nosuid shared:8 - rootfs rootfs rw',
      expect: { root: '/', mountPoint: '/root', optional: { shared: 8, raw: ['shared:8'] } },
    },
    {
      name: 'missing parent and a //deleted root are kept verbatim',
      line: '105 232 0:54 /proc-sys-kernel-random-boot-id//deleted /proc/sys/kernel/random/boot_id ro shared:54 - tmpfs tmpfs rw',
      expect: { parentId: 232, root: '/proc-sys-kernel-random-boot-id//deleted' },
    },
  ];
  it.each(cases)('$name', ({ line, expect: want }) => {
    const r = parseMountinfo(line);
    expect(r.warnings).toEqual([]);
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject({ ...want, line: 1 });
  });

  const bad: [string, string, RegExp][] = [
    ['no separator', '251 15 0:3573 / /mnt/point rw,relatime aufs none rw', /separator/],
    ['no super options', '251 15 0:3573 / /mnt/point rw,relatime - aufs none', /super options/],
    ['too few fields before the separator', '251 15 0:3573 / - aufs none rw', /at least 6/],
    ['non-numeric id', 'x 15 0:3 / /m rw - aufs none rw', /numbers/],
    ['bad major:minor', '1 15 03 / /m rw - aufs none rw', /major:minor/],
    ['impossible device number', '18 63 1000999:110999 / /sys rw shared:2 - sysfs sysfs rw', /out of range/],
    ['garbage', 'asdfasdf asdfasdf asdf asdfasdfasdf', /separator/],
  ];
  it.each(bad)('rejects %s with a warning on its line', (_name, line, msg) => {
    const r = parseMountinfo(`\n${line}\n`);
    expect(r.value).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ probe: 'mountinfo', line: 2 });
    expect(r.warnings[0]!.message).toMatch(msg);
  });
});

describe('parseMountinfo: tables', () => {
  it('parses the mount table captured on a real host without warnings', () => {
    const text = fixture('real-mountinfo.txt');
    const r = parseMountinfo(text);
    expect(r.warnings).toEqual([]);
    expect(r.value).toHaveLength(text.trim().split('\n').length);
    expect(r.value.find((m) => m.mountPoint === '/')?.fsType).toBe('ext4');
    expect(r.value.map((m) => m.line)).toEqual(r.value.map((_, i) => i + 1));
  });

  it('skips garbled lines, keeps going and numbers lines in the artifact', () => {
    const text = [
      '44 44',
      '95 63 8:1 / /one-good-entry rw,relatime shared:34 - ext4 /dev/sda1 rw,data=ordered',
      '',
      'asdfsadfasd',
      '96 63 8:1 / /two rw - ext4 /dev/sda1 rw',
    ].join('\n');
    const r = parseMountinfo(text);
    expect(r.value.map((m) => [m.mountId, m.line])).toEqual([
      [95, 2],
      [96, 5],
    ]);
    expect(r.warnings.map((w) => w.line)).toEqual([1, 4]);
  });

  it('keeps stacked mounts and duplicate mount ids as separate entries', () => {
    const text = [
      '818 77 8:40 / /var/lib/kubelet/pods/p/volumes/kubernetes.io~gce-pd/vol1 rw shared:290 - ext4 /dev/sdc rw',
      '819 78 8:48 / /var/lib/kubelet/pods/p/volumes/kubernetes.io~gce-pd/vol1 rw shared:290 - ext4 /dev/sdd rw',
      '80 62 0:42 / /var/lib/nfs/rpc_pipefs rw shared:31 - rpc_pipefs sunrpc rw',
      '80 17 8:1 /var /var rw shared:30 - ext4 /dev/sda1 rw',
    ].join('\n');
    const r = parseMountinfo(text);
    expect(r.value).toHaveLength(4);
    expect(r.value.filter((m) => m.mountPoint.endsWith('/vol1')).map((m) => m.source)).toEqual([
      '/dev/sdc',
      '/dev/sdd',
    ]);
    expect(r.value.filter((m) => m.mountId === 80)).toHaveLength(2);
  });

  it('handles CRLF line endings', () => {
    const r = parseMountinfo('1 0 8:1 / / rw - ext4 /dev/sda1 rw\r\n2 1 0:5 / /proc rw - proc proc rw\r\n');
    expect(r.value.map((m) => m.superOptions)).toEqual([['rw'], ['rw']]);
  });

  it('caps warnings for a garbage artifact and says how many were left out', () => {
    const r = parseMountinfo(Array.from({ length: 500 }, () => 'garbage').join('\n'));
    expect(r.warnings).toHaveLength(201);
    expect(r.warnings.at(-1)!.message).toBe('300 more warnings not shown');
  });

  it('parses 26,503 mount records (incident A scale) in well under 100 ms', () => {
    const lines: string[] = [];
    for (let i = 0; i < 26503; i++) {
      const dev = `vd${(i % 6385).toString(36)}`;
      const pv = `d-bp${i.toString(36).padStart(8, '0')}`;
      const leaked = i % 2 === 0;
      const mp = leaked
        ? `/var/lib/container/docker/overlay2/9caa9580e946898718f97e9d205d0ac34048d5242ea30c0bc859627483b664be/merged/logxxx_host/var/lib/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount`
        : `/var/lib/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount`;
      lines.push(
        `${1000 + i} ${leaked ? 999 : 29} 253:${i % 6385} / ${mp} rw,relatime ${leaked ? `master:${i}` : `shared:${i}`} - ext4 /dev/${dev} rw,data=ordered`,
      );
    }
    const text = lines.join('\n');
    expect(lines).toHaveLength(26503);
    const { ms: best, result: r } = bestCpuMs(() => parseMountinfo(text));
    expect(r.warnings).toEqual([]);
    expect(r.value).toHaveLength(26503);
    expect(r.value.filter((m) => m.mountPoint.includes('/merged/logxxx_host/'))).toHaveLength(13252);
    expect(best).toBeLessThan(100);
  });
});

describe('parseMountinfoNs', () => {
  const ns = [
    '## ns=mnt:[4026532201] pid=123 comm=fluent-bit',
    '1 0 8:1 / / rw - ext4 /dev/sda1 rw',
    '2 1 0:5 / /proc rw - proc proc rw',
    '## ns=mnt:[4026532305] pid=4567 comm=Web Content',
    'garbled',
    '7 0 0:60 / / rw - overlay overlay rw,lowerdir=/a,upperdir=/b,workdir=/c',
  ].join('\n');

  it('keeps namespaces apart with id, pid, comm and artifact line numbers', () => {
    const r = parseMountinfoNs(ns);
    expect(
      r.value.map((n) => [n.nsId, n.pid, n.comm, n.isHost, n.line, n.mounts.map((m) => m.line)]),
    ).toEqual([
      ['4026532201', 123, 'fluent-bit', false, 1, [2, 3]],
      ['4026532305', 4567, 'Web Content', false, 4, [6]],
    ]);
    expect(r.value.every((n) => n.probe === 'mountinfo-ns')).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ probe: 'mountinfo-ns', line: 5 })]);
  });

  it.each([
    ['mnt:[4026532201]', '4026532201'],
    ['[4026532201]', '4026532201'],
    ['4026532201', '4026532201'],
  ])('normalises namespace id %s', (raw, id) => {
    expect(parseMountinfoNs(`## ns=${raw} pid=1 comm=x\n`).value[0]?.nsId).toBe(id);
  });

  it('treats mount lines before the first header as the host table', () => {
    const r = parseMountinfoNs(`1 0 8:1 / / rw - ext4 /dev/sda1 rw\n${ns}`);
    expect(r.value[0]).toMatchObject({ nsId: 'host', isHost: true, line: 1 });
    expect(r.value[1]!.line).toBe(2);
  });

  it('reports a header it cannot read (real capture) and keeps the namespaces after it', () => {
    const r = parseMountinfoNs(fixture('real-mountinfo-ns.txt'));
    expect(r.warnings.map((w) => w.line)).toEqual([1, 1]);
    expect(r.value.map((n) => n.nsId)).toEqual(['4026531832', '4026531860']);
    expect(r.value[0]!.mounts.length).toBeGreaterThan(10);
  });

  it('keeps a namespace whose table is empty (process gone before cat)', () => {
    const r = parseMountinfoNs('## ns=mnt:[4026532999] pid=99 comm=gone\n');
    expect(r.value).toEqual([
      {
        nsId: '4026532999',
        pid: 99,
        comm: 'gone',
        isHost: false,
        line: 1,
        probe: 'mountinfo-ns',
        mounts: [],
      },
    ]);
  });
});

describe('helpers', () => {
  it.each([
    ['a\\040b', 'a b'],
    ['\\134\\011\\012', '\\\t\n'],
    ['no escapes', 'no escapes'],
    ['\\\\foo\\BLA', '\\\\foo\\BLA'],
    ['trailing\\04', 'trailing\\04'],
    ['\\777', '\\777'],
  ])('unescapeOctal(%j)', (input, out) => expect(unescapeOctal(input)).toBe(out));

  it.each([
    ['rw,a=1', ['rw', 'a=1']],
    ['a="x,y",b', ['a="x,y"', 'b']],
    ['', ['']],
  ])('splitOptions(%j)', (input, out) => expect(splitOptions(input)).toEqual(out));
});
