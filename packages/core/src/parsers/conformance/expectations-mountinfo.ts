import type { MountEntry } from '../../model/node-state.ts';
import { block, byId, type Checks, type FileChecker, mounts } from './check.ts';
import type { CorpusFile } from './corpus.ts';
import { searchMountPoints } from './search-mount-points.ts';

/** The expectations stated in each mountinfo file's header, as checks on our parser's output. */
export const MOUNTINFO_EXPECTATIONS: Record<string, FileChecker> = {
  '01_mountinfo_fixture_k8s_mountutils_kubelet.txt': (f, c) => {
    const { value: ms, warningLines } = mounts(f.blocks[0]);
    c.eq('41 entries', ms.length, 41);
    c.eq('no warnings', warningLines, []);
    const m189 = byId(ms, 189);
    c.eq('189 fields', pick(m189, ['parentId', 'major', 'minor', 'root', 'mountPoint']), {
      parentId: 80,
      major: 8,
      minor: 1,
      root: '/var/lib/kubelet',
      mountPoint: '/var/lib/kubelet',
    });
    c.eq('189 optional', m189?.optional.raw, ['shared:30']);
    const m224 = byId(ms, 224);
    c.eq(
      '224 two optional fields',
      [m224?.optional.raw, m224?.optional.master, m224?.optional.shared],
      [['master:1', 'shared:44'], 1, 44],
    );
    c.eq(
      '222 directory bind mount',
      [byId(ms, 222)?.root, byId(ms, 222)?.mountPoint],
      ['/tmp/src', '/mnt/dst'],
    );
    c.ok(
      '761 quoted SELinux context is one option',
      byId(ms, 761)?.superOptions.includes('context="system_u:object_r:container_file_t:s0:c314,c894"') ===
        true,
    );
    c.eq('duplicate mount id 80 kept twice', ms.filter((m) => m.mountId === 80).length, 2);
    c.eq('818/819 stacked on one path', byId(ms, 818)?.mountPoint, byId(ms, 819)?.mountPoint);
    c.eq('918/919 stacked on one path', byId(ms, 918)?.mountPoint, byId(ms, 919)?.mountPoint);
    c.eq('901 kept as printed (8:1 with /dev/sdd)', pick(byId(ms, 901), ['major', 'minor', 'source']), {
      major: 8,
      minor: 1,
      source: '/dev/sdd',
    });
  },

  '01_mountinfo_fixture_k8s_searchmountpoints_localpv.txt': (f, c) => {
    const base = f.blocks[0];
    const { value: baseMounts, warningLines } = mounts(base);
    c.eq('base parses without warnings', warningLines, []);
    c.eq('truncated last base line kept as-is', baseMounts.at(-1)?.superOptions, ['rw', 'data=ordere']);
    for (const b of f.blocks.filter((x) => x.marker.startsWith('case='))) {
      const m = /^case=(\S+) source=(\S+) expected_refs=(.*)$/.exec(b.marker);
      if (!m) continue;
      const expected = m[3] === 'none' ? [] : [...m[3]!.matchAll(/'([^']*)'/g)].map((x) => x[1]!);
      const caseMounts = [...baseMounts, ...mounts(b).value];
      c.eq(`case ${m[1]}: refs of ${m[2]}`, searchMountPoints(caseMounts, m[2]!).sort(), expected.sort());
    }
  },

  '01_mountinfo_fixture_moby_escapes_and_edgecases.txt': (f, c) => {
    const { value: ms, warningLines } = mounts(block(f, 'src: (a)'));
    c.eq('(a) 3 entries, no warnings', [ms.length, warningLines], [3, []]);
    c.eq('(a) escaped space', [ms[0]?.mountPoint, ms[0]?.optional.shared], ['/mnt/foo bar', 243]);
    c.eq('(a) cifs source unescaped', ms[1]?.source, '//foo/BLA BLA BLA/');
    c.ok(
      '(a) cifs super options keep the upstream prefix (and the raw spaces after it)',
      ms[1]?.superOptions
        .join(',')
        .startsWith('rw,sec=ntlm,cache=loose,unc=\\\\foo\\BLA BLA BLA,username=my_login') === true,
      ms[1]?.superOptions.join(','),
    );
    const weird = '/tmp/newline\ntab\tspace backslash\\quote1\'quote2"';
    c.eq(
      '(a) 649 root and mount point fully unescaped',
      [ms[2]?.root, ms[2]?.mountPoint, ms[2]?.optional.shared],
      [weird, weird, 47],
    );
    for (const b of f.blocks.filter((x) => / \| valid=(true|false)$/.test(x.marker))) {
      const valid = b.marker.endsWith('valid=true');
      const r = mounts(b);
      c.eq(`(b) ${b.marker}`, [r.value.length, r.warningLines.length], valid ? [1, 0] : [0, 1]);
    }
    const one = (p: string) => mounts(block(f, p)).value[0];
    c.eq('(b) empty source', one('empty source field')?.source, '');
    c.eq(
      '(b) extra optional fields gathered',
      one('extra optional fields')?.optional.raw.join(' '),
      'shared:123 extra:tag what:ever key:value',
    );
  },

  '01_mountinfo_fixture_moby_fedora.txt': (f, c) => {
    const { value: ms, warningLines } = mounts(f.blocks[0]);
    c.eq('58 entries, no warnings', [ms.length, warningLines], [58, []]);
    c.eq('18 entries under prefix /sys', ms.filter((m) => m.mountPoint.startsWith('/sys')).length, 18);
    c.eq(
      '1 pstore, 1 proc, 1 sysfs',
      ['pstore', 'proc', 'sysfs'].map((t) => ms.filter((m) => m.fsType === t).length),
      [1, 1, 1],
    );
    c.eq('first entry', pick(ms[0], ['mountId', 'parentId', 'major', 'minor', 'mountPoint']), {
      mountId: 15,
      parentId: 35,
      major: 0,
      minor: 3,
      mountPoint: '/proc',
    });
    c.eq('first entry optional', ms[0]?.optional.raw, ['shared:5']);
    c.eq(
      '21 devicemapper mounts',
      ms.filter((m) => m.mountPoint.startsWith('/var/lib/docker/devicemapper/mnt/')).length,
      21,
    );
    c.eq('mount id 31 twice', ms.filter((m) => m.mountId === 31).length, 2);
    c.ok('cifs super options keep raw spaces', ms.at(-1)?.superOptions.some((o) => o.includes(' ')) === true);
  },

  '01_mountinfo_fixture_moby_gentoo.txt': (f, c) => {
    const { value: ms, warningLines } = mounts(f.blocks[0]);
    c.eq('222 entries, no warnings', [ms.length, warningLines], [222, []]);
    c.eq('no optional fields', ms.filter((m) => m.optional.raw.length > 0).length, 0);
    c.eq('last entry', [ms.at(-1)?.mountPoint, ms.at(-1)?.fsType], ['/media/REMOVE ME', 'fuseblk']);
  },

  '01_mountinfo_fixture_moby_ubuntu.txt': (f, c) => {
    const { value: ms, warningLines } = mounts(f.blocks[0]);
    c.eq('130 entries, no warnings', [ms.length, warningLines], [130, []]);
    c.eq('no optional fields', ms.filter((m) => m.optional.raw.length > 0).length, 0);
  },

  '01_mountinfo_fixture_procfs_nfs_doublespace.txt': (f, c) => {
    const { value: ms, warningLines } = mounts(f.blocks[0]);
    c.eq('8 entries, no warnings', [ms.length, warningLines], [8, []]);
    c.eq('double space tolerated', pick(ms[0], ['mountId', 'parentId', 'root', 'mountPoint']), {
      mountId: 1,
      parentId: 1,
      root: '/',
      mountPoint: '/root',
    });
    const nfs = ms.filter((m) => m.mountPoint === '/mnt/nfs/test');
    c.eq(
      '3 stacked mounts on /mnt/nfs/test',
      nfs.map((m) => [m.mountId, m.optional.shared]),
      [
        [194, 144],
        [177, 130],
        [1398, 1154],
      ],
    );
    c.ok('1398 parent 798 is not in the table', byId(ms, 1398)?.parentId === 798 && !byId(ms, 798));
    c.eq(
      '1128 non-/ root without optional fields',
      [byId(ms, 1128)?.root, byId(ms, 1128)?.optional.raw],
      ['/var/lib/containers/storage/overlay', []],
    );
  },

  '01_mountinfo_fixture_systemd_umount_tests.txt': (f, c) => systemdUmount(f, c),
  '01_mountinfo_fixture_utillinux_libmount.txt': (f, c) => utilLinuxLibmount(f, c),

  '01_mountinfo_fixture_utillinux_messy_nspawn.txt': (f, c) => {
    const { value: ms, warningLines } = mounts(f.blocks[0]);
    c.eq('29 entries, no warnings', [ms.length, warningLines], [29, []]);
    c.ok('root 220 has parent 189, which is absent', byId(ms, 220)?.parentId === 189 && !byId(ms, 189));
    c.eq('225 optional', byId(ms, 225)?.optional.raw, ['shared:57', 'master:4']);
    c.eq(
      '227 bare master',
      [byId(ms, 227)?.optional.raw, byId(ms, 227)?.optional.master],
      [['master:11'], 11],
    );
    c.ok(
      '//deleted roots kept',
      [105, 106, 107].every((id) => byId(ms, id)?.root.endsWith('//deleted')),
    );
    c.eq(
      'boot_id mounted twice',
      ms.filter((m) => m.mountPoint === '/proc/sys/kernel/random/boot_id').map((m) => m.mountId),
      [105, 106],
    );
  },
};

function systemdUmount(f: CorpusFile, c: Checks): void {
  const { value: ms, warningLines } = mounts(block(f, 'src: (a)'));
  c.eq('(a) 47 entries, no warnings', [ms.length, warningLines], [47, []]);
  const rootIdx = ms.findIndex((m) => m.mountId === 63);
  c.eq('(a) root 63 has parent 0', [ms[rootIdx]?.parentId, ms[rootIdx]?.mountPoint], [0, '/']);
  c.ok('(a) root comes after its children', rootIdx > ms.findIndex((m) => m.parentId === 63));
  const sdc = ms.filter((m) => m.major === 8 && m.minor === 33);
  c.ok('(a) 8:33 binds all in peer group 30', sdc.length >= 5 && sdc.every((m) => m.optional.shared === 30));
  c.ok(
    '(a) 8:33 roots',
    ['/builduser', '/.tmp', '/buildserver/autotest', '/www-servers/cms'].every((r) =>
      sdc.some((m) => m.root === r),
    ) && sdc.filter((m) => m.root === '/.tmp').length === 2,
  );
  c.eq(
    '(a) tmpfs 0:44 twice in group 35',
    ms.filter((m) => m.major === 0 && m.minor === 44).map((m) => [m.mountId, m.optional.shared]),
    [
      [97, 35],
      [98, 35],
    ],
  );
  c.eq(
    '(a) unified is cgroup2',
    ms.find((m) => m.mountPoint === '/sys/fs/cgroup/unified')?.fsType,
    'cgroup2',
  );
  c.ok(
    '(a) every entry has exactly one shared:N',
    ms.every((m) => m.optional.raw.length === 1 && m.optional.shared !== undefined),
  );
  const g = mounts(block(f, 'src: (b)'));
  c.eq(
    '(b) only the good entry survives',
    g.value.map((m) => [m.mountId, m.mountPoint]),
    [[95, '/one-good-entry']],
  );
  c.eq('(b) four garbled lines reported by line', g.warningLines, [1, 2, 3, 4]);
}

function utilLinuxLibmount(f: CorpusFile, c: Checks): void {
  const main = mounts(block(f, 'file: tests/ts/libmount/files/mountinfo'));
  c.eq('mountinfo: 33 entries, no warnings', [main.value.length, main.warningLines], [33, []]);
  c.ok(
    'mountinfo: cifs unc option',
    main.value.some((m) => m.superOptions.includes('unc=\\\\foo.home\\bar')),
  );
  // The mount point holds a raw carriage return ("foo^Mbar"), which the header shows as foobar.
  const last = main.value.at(-1);
  c.eq(
    'mountinfo: last entry',
    [last?.mountId, last?.mountPoint.replace('\r', ''), last?.optional.shared],
    [49, '/mnt/test/foobar', 323],
  );
  c.eq('mountinfo: raw carriage return kept in the mount point', last?.mountPoint, '/mnt/test/foo\rbar');
  const nosrc = mounts(block(f, 'file: tests/ts/libmount/files/mountinfo_nosrc'));
  c.eq('nosrc: 7 entries, no warnings', [nosrc.value.length, nosrc.warningLines], [7, []]);
  c.eq('nosrc: empty source', pick(nosrc.value.at(-1), ['mountId', 'mountPoint', 'source', 'fsType']), {
    mountId: 21,
    mountPoint: '/mnt/test',
    source: '',
    fsType: 'tmpfs',
  });
  const btrfs = mounts(block(f, 'file: tests/ts/libmount/files/mountinfo_btrfs'));
  c.eq('btrfs: 8 entries, no warnings', [btrfs.value.length, btrfs.warningLines], [8, []]);
  const subvols = btrfs.value.filter((m) => m.major === 259 && m.minor === 3);
  c.eq(
    'btrfs: subvolume roots of 259:3',
    subvols.map((m) => m.root),
    ['/root', '/', '/containers', '/vm', '/var_tmp', '/var_cache'],
  );
  c.ok(
    'btrfs: subvol= in super options',
    subvols.every((m) => m.superOptions.some((o) => o === `subvol=${m.root}`)),
  );
}

function pick(m: MountEntry | undefined, keys: (keyof MountEntry)[]): Record<string, unknown> | undefined {
  if (!m) return undefined;
  return Object.fromEntries(keys.map((k) => [k, m[k]]));
}
