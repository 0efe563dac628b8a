import { describe, expect, it } from 'vitest';
import { parseBlockdev } from './blockdev.ts';
import { fixture } from './fixtures/load.test-support.ts';
import { parseSize } from './lsblk-json.ts';

const summary = (text: string) =>
  parseBlockdev(text).value.map((d) => [
    d.name,
    d.parent,
    d.type,
    d.sizeBytes,
    d.fsType,
    d.mountpoints,
    d.line,
  ]);

describe('parseBlockdev: lsblk -J', () => {
  it('parses the probe output captured on a real host', () => {
    const r = parseBlockdev(fixture('real-lsblk.json'));
    expect(r.warnings).toEqual([]);
    expect(r.value).toEqual([
      {
        name: 'zram0',
        majMin: '253:0',
        type: 'disk',
        sizeBytes: 0,
        readOnly: false,
        mountpoints: [],
        line: 4,
      },
      {
        name: 'vda',
        majMin: '254:0',
        type: 'disk',
        sizeBytes: 274877906944,
        readOnly: false,
        mountpoints: ['/'],
        line: 16,
      },
    ]);
  });

  it('reads old lsblk: single mountpoint, string sizes and "0" read-only flags, nested children', () => {
    expect(summary(fixture('lsblk-old-mountpoint.json'))).toEqual([
      ['vda', undefined, 'disk', 107374182400, undefined, [], 3],
      ['vda1', 'vda', 'part', 107373116928, 'ext4', ['/'], 5],
      [
        'vdfiw',
        undefined,
        'disk',
        21474836480,
        'ext4',
        ['/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-bp1iau7367wkpf6xqdpv/globalmount'],
        8,
      ],
    ]);
  });

  it('reads human sizes and several mount points per device', () => {
    expect(summary(fixture('lsblk-human-sizes.json'))).toEqual([
      ['nvme0n1', undefined, 'disk', Math.round(931.5 * 1024 ** 3), undefined, [], 4],
      ['nvme0n1p1', 'nvme0n1', 'part', 512 * 1024 ** 2, undefined, ['/boot/efi'], 15],
      [
        'nvme0n1p2',
        'nvme0n1',
        'part',
        931 * 1024 ** 3,
        undefined,
        ['/var/lib/kubelet/pods/a/volumes/kubernetes.io~local-volume/pv1', '/'],
        25,
      ],
    ]);
  });

  it('salvages devices from JSON cut by the output cap and says so', () => {
    const text = fixture('lsblk-human-sizes.json');
    const r = parseBlockdev(text.slice(0, text.indexOf('"/boot/efi"') + 20));
    expect(r.value.map((d) => [d.name, d.mountpoints])).toEqual([
      ['nvme0n1', []],
      ['nvme0n1p1', ['/boot/efi']],
    ]);
    expect(r.warnings[0]!.message).toMatch(/not valid/);
  });

  it('handles 6,385 disks (incident A) quickly', () => {
    const devs = Array.from({ length: 6385 }, (_, i) => ({
      name: `vd${i.toString(36)}`,
      kname: `vd${i.toString(36)}`,
      'maj:min': `253:${i}`,
      type: 'disk',
      size: 21474836480,
      ro: false,
      fstype: 'ext4',
      mountpoints: [`/var/lib/kubelet/plugins/kubernetes.io/csi/pv/d-${i}/globalmount`],
      pkname: null,
    }));
    const text = JSON.stringify({ blockdevices: devs }, null, 3);
    const t0 = performance.now();
    const r = parseBlockdev(text);
    const ms = performance.now() - t0;
    expect(r.value).toHaveLength(6385);
    expect(r.value[6384]!.majMin).toBe('253:6384');
    expect(ms).toBeLessThan(1000);
  });
});

describe('parseBlockdev: lsblk tree and /proc/partitions', () => {
  it('parses the plain lsblk captured on a real host', () => {
    expect(summary(fixture('real-lsblk-tree.txt'))).toEqual([
      ['zram0', undefined, 'disk', 0, undefined, [], 2],
      ['vda', undefined, 'disk', 274877906944, undefined, ['/'], 3],
    ]);
  });

  it('reads the ASCII tree with LVM under a partition and right-aligned numbers', () => {
    const text = [
      'NAME                    MAJ:MIN RM   SIZE RO TYPE MOUNTPOINT',
      'sda                       8:0    0 931.5G  0 disk',
      '|-sda1                    8:1    0   512M  0 part /boot/efi',
      '`-sda2                    8:2    0   931G  0 part',
      '  |-ubuntu--vg-root     253:0    0   930G  0 lvm  /',
      '  `-ubuntu--vg-swap_1   253:1    0   976M  0 lvm  [SWAP]',
      'sr0                      11:0    1  1024M  1 rom',
    ].join('\n');
    const r = parseBlockdev(text);
    expect(r.warnings).toEqual([]);
    expect(r.value.map((d) => [d.name, d.parent, d.majMin, d.readOnly, d.mountpoints])).toEqual([
      ['sda', undefined, '8:0', false, []],
      ['sda1', 'sda', '8:1', false, ['/boot/efi']],
      ['sda2', 'sda', '8:2', false, []],
      ['ubuntu--vg-root', 'sda2', '253:0', false, ['/']],
      ['ubuntu--vg-swap_1', 'sda2', '253:1', false, ['[SWAP]']],
      ['sr0', undefined, '11:0', true, []],
    ]);
  });

  it('reads lsblk -f with empty LABEL cells and box-drawing glyphs (incident A)', () => {
    const text = [
      'NAME   FSTYPE LABEL UUID                                 MOUNTPOINT',
      'vdiko  ext4         0442c714-4a4d-4d2b-8771-038edaefcf3f /var/lib/container/docker/overlay2/9caa/merged/logxxx_host/opt/a b',
      'vda',
      '├─vda1 ext4         1612a49b-a79d-4e87-819a-a5bad80fe2a9 /',
      '└─vda2 xfs                                               ',
      '  └─dm-0 ext4       11111111-2222-3333-4444-555555555555 /data',
    ].join('\n');
    expect(summary(text)).toEqual([
      [
        'vdiko',
        undefined,
        undefined,
        undefined,
        'ext4',
        ['/var/lib/container/docker/overlay2/9caa/merged/logxxx_host/opt/a b'],
        2,
      ],
      ['vda', undefined, undefined, undefined, undefined, [], 3],
      ['vda1', 'vda', undefined, undefined, 'ext4', ['/'], 4],
      ['vda2', 'vda', undefined, undefined, 'xfs', [], 5],
      ['dm-0', 'vda2', undefined, undefined, 'ext4', ['/data'], 6],
    ]);
  });

  it('adds MOUNTPOINTS continuation lines to the device above', () => {
    const text = [
      'NAME MAJ:MIN TYPE MOUNTPOINTS',
      'vdb  253:16  disk /var/lib/kubelet/a',
      '                  /merged/b',
    ].join('\n');
    expect(parseBlockdev(text).value[0]!.mountpoints).toEqual(['/var/lib/kubelet/a', '/merged/b']);
  });

  it('keeps a device printed under several parents once', () => {
    const text = [
      'NAME MAJ:MIN TYPE',
      'sda 8:0 disk',
      '`-md0 9:0 raid1',
      'sdb 8:16 disk',
      '`-md0 9:0 raid1',
    ].join('\n');
    expect(parseBlockdev(text).value.map((d) => [d.name, d.parent])).toEqual([
      ['sda', undefined],
      ['md0', 'sda'],
      ['sdb', undefined],
    ]);
  });

  it('falls back to /proc/partitions and infers partitions from names', () => {
    const text = [
      'major minor  #blocks  name',
      '',
      ' 253        0  104857600 vda',
      ' 253        1  104855552 vda1',
      ' 259        0  976762584 nvme0n1',
      ' 259        1     524288 nvme0n1p1',
      ' 253     2384   20971520 vdfiw',
    ].join('\n');
    expect(parseBlockdev(text).value.map((d) => [d.name, d.majMin, d.parent, d.sizeBytes, d.line])).toEqual([
      ['vda', '253:0', undefined, 104857600 * 1024, 3],
      ['vda1', '253:1', 'vda', 104855552 * 1024, 4],
      ['nvme0n1', '259:0', undefined, 976762584 * 1024, 5],
      ['nvme0n1p1', '259:1', 'nvme0n1', 524288 * 1024, 6],
      ['vdfiw', '253:2384', undefined, 20971520 * 1024, 7],
    ]);
  });

  it('warns when there is no header', () => {
    const r = parseBlockdev('sda 8:0 disk\n');
    expect(r.value).toEqual([]);
    expect(r.warnings.length).toBeGreaterThan(0);
  });
});

describe('parseSize', () => {
  it.each([
    [0, 0],
    ['274877906944', 274877906944],
    ['931.5G', Math.round(931.5 * 1024 ** 3)],
    ['4K', 4096],
    ['0B', 0],
    ['1T', 1024 ** 4],
    ['lots', undefined],
    [null, undefined],
  ])('parseSize(%j) = %j', (input, want) => expect(parseSize(input)).toBe(want));
});
