import type { LogEvent, LogSource } from '../model/node-state.ts';
import type { RuleId } from '../model/rule-id.ts';

/**
 * Log signatures per rule. Matching is two-step so thousands of lines stay cheap: a
 * lower-case substring (needle) selects candidates, an optional regex on the original message
 * confirms. Needles are chosen from the stable part of each message, so journal, syslog and
 * klog prefixes, structured klog quoting and dmesg -T all match the same way.
 */
export interface LogPattern<I extends string = LogPatternId> {
  id: I;
  rule: RuleId;
  sources: readonly LogSource[];
  /** Lower-case; any one present makes the line a candidate. */
  needles: readonly string[];
  /** Confirms a candidate, against the original message. */
  confirm?: RegExp;
  /** Rules a confirmed candidate out again, against the original message. */
  reject?: RegExp;
  /** Matches on the record instead of the text (klog F lines). */
  when?: (ev: LogEvent) => boolean;
}

const K: readonly LogSource[] = ['kubelet-log'];
const D: readonly LogSource[] = ['dmesg'];
const KR: readonly LogSource[] = ['kubelet-log', 'runtime-log'];
const ALL: readonly LogSource[] = ['kubelet-log', 'runtime-log', 'dmesg'];

function p<const I extends string>(
  id: I,
  rule: RuleId,
  sources: readonly LogSource[],
  needles: string[],
  confirm?: RegExp,
): LogPattern<I> {
  return confirm ? { id, rule, sources, needles, confirm } : { id, rule, sources, needles };
}

/** Devices without node filesystems that report read errors while probed (see blk-io-error). */
const NO_MEDIA = /\bdev(?:ice)? (?:fd|sr)\d+\b/;

const PATTERNS = [
  // Volume teardown (kubelet operation executor)
  p('getdevicemountrefs-failed', 'volume-teardown-stuck', K, ['getdevicemountrefs check failed']),
  p('unmountdevice-failed', 'volume-teardown-stuck', K, ['unmountdevice failed']),
  p('teardown-failed', 'volume-teardown-stuck', K, ['teardown failed']),
  p('orphaned-pod-volumes', 'volume-teardown-stuck', K, ['orphaned pod']),
  // The reference list in the same message names the propagated copies
  p('still-mounted-by-references', 'mount-propagation-leak', K, ['still mounted by other references']),

  // Container removal
  p('remove-rootfs-failed', 'container-stuck-removal', KR, ['failed to remove root filesystem']),
  p(
    'rootfs-busy',
    'container-stuck-removal',
    KR,
    ['device or resource busy'],
    /merged|rootfs|\/shm\b|overlay/,
  ),
  p(
    'removal-in-progress',
    'container-stuck-removal',
    KR,
    ['removal in progress', 'is already in progress'],
    /remov/i,
  ),

  // Block and filesystem I/O errors (kernel)
  // fd0 (the floppy controller VMs emulate without a disk) and sr0 (the CD-ROM, a cloud-init
  // ISO or no medium) fail reads at every probe; no node filesystem lives there.
  { ...p('blk-io-error', 'disk-io-errors', D, ['i/o error, dev', 'i/o error dev']), reject: NO_MEDIA },
  // The block layer names the SCSI/NVMe status class instead of "I/O" for most failures
  // (blk_errors[] in block/blk-core.c): "critical medium error, dev sdf, sector 960".
  p(
    'blk-status-error',
    'disk-io-errors',
    D,
    [
      'medium error, dev',
      'target error, dev',
      'nexus error, dev',
      'transport error, dev',
      'protection error, dev',
      'allocation error, dev',
      'timeout error, dev',
    ],
    /(?:critical (?:medium|target|nexus|protection|space allocation)|recoverable transport|timeout) error, dev \w/,
  ),
  { ...p('buffer-io-error', 'disk-io-errors', D, ['buffer i/o error on dev']), reject: NO_MEDIA },
  p('ext4-error', 'disk-io-errors', D, ['ext4-fs error']),
  p('xfs-metadata-io-error', 'disk-io-errors', D, ['metadata i/o error']),
  // EIO from buses and drivers that carry no filesystem (USB enumeration, Bluetooth, sound…)
  {
    ...p('error-5', 'disk-io-errors', D, ['error -5', 'error -eio']),
    reject:
      /\b(?:usb|hub|hid|hci\d*|bluetooth|btusb|i2c|spi|snd|sound|drm|firmware|iwlwifi|brcmfmac|thermal)\b/i,
  },
  // ext4 gave up on its journal or superblock: the device failed a write (counted under
  // filesystem-shutdown as well, below).
  p('ext4-journal-abort-io', 'disk-io-errors', D, ['aborting journal on device']),
  p('ext4-superblock-write-io', 'disk-io-errors', D, [
    'i/o error while writing superblock',
    'error to superblock detected',
    'error while async write back metadata',
  ]),
  // The same errors as applications see them
  p('input-output-error', 'disk-io-errors', KR, ['input/output error']),

  // Filesystem gave up
  p('journal-aborted', 'filesystem-shutdown', D, ['aborting journal on device', 'detected aborted journal']),
  p('remount-read-only', 'filesystem-shutdown', D, ['remounting filesystem read-only']),
  p('xfs-force-shutdown', 'filesystem-shutdown', D, ['xfs_do_force_shutdown']),
  p('shutting-down-filesystem', 'filesystem-shutdown', D, [
    'shutting down filesystem',
    'filesystem has been shut down',
  ]),
  p('xfs-corruption', 'filesystem-shutdown', D, ['corruption of in-memory data detected']),
  // Kernel 5.x+ puts the flags in between: "Corruption of in-memory data (0x8) detected at …".
  p('xfs-corruption-flags', 'filesystem-shutdown', D, ['corruption of in-memory data ('], /detected/i),
  p('xfs-unmount-rectify', 'filesystem-shutdown', D, [
    'please umount the filesystem and rectify',
    'please unmount the filesystem and rectify',
  ]),
  p('ext4-journal-has-aborted', 'filesystem-shutdown', D, ['journal has aborted']),
  p('ext4-superblock-write', 'filesystem-shutdown', D, [
    'i/o error while writing superblock',
    'error to superblock detected',
  ]),
  p('jbd2-journal-superblock', 'filesystem-shutdown', D, ['detected when updating journal superblock']),
  p('xfs-log-force-error', 'filesystem-shutdown', D, ['xfs_log_force: error']),

  p('blocked-for-more-than', 'hung-task', D, ['blocked for more than']),

  // Every kubelet's first seconds, before its first relist: "pleg has yet to be successful",
  // or in older kubelets the time since a zero relist time, saturated at math.MaxInt64 ns
  // ("last seen active 2562047h47m16.854775807s ago").
  {
    ...p('pleg-not-healthy', 'pleg-unhealthy', K, ['pleg is not healthy']),
    reject: /pleg has yet to be successful|last seen active 2562047h/i,
  },
  p('pleg-relist-failed', 'pleg-unhealthy', K, ['genericpleg: unable to retrieve pods']),
  // From goroutine dumps (paste/goroutines.ts): relist parked for minutes.
  p('pleg-relist-goroutine-blocked', 'pleg-unhealthy', K, ['goroutine blocked in pleg relist']),

  // Deadlines of HTTP calls (node status and lease updates to the API server, registry pulls)
  // say the network or the API server is slow, not the runtime: CRI calls go over a socket.
  {
    ...p('deadline-exceeded', 'runtime-slow', KR, ['context deadline exceeded', 'deadlineexceeded']),
    reject: /https?:\/\/|Client\.Timeout|node lease|update lease/i,
  },
  p('taskexit-failed', 'runtime-slow', KR, ['failed to handle container taskexit event']),

  p('exiting-because-of-error', 'kubelet-restart-loop', K, ['exiting because of error']),
  {
    id: 'fatal',
    rule: 'kubelet-restart-loop',
    sources: K,
    needles: [],
    when: (ev: LogEvent) => ev.level === 'F',
  } satisfies LogPattern<'fatal'>,
  p('main-process-exited', 'kubelet-restart-loop', K, ['main process exited']),
  p('scheduled-restart', 'kubelet-restart-loop', K, [
    'holdoff time over, scheduling restart',
    'scheduled restart job',
  ]),
  p('unit-failed', 'kubelet-restart-loop', K, ['entered failed state', 'failed with result']),

  p('slub-unable-to-allocate', 'slab-allocation-failure', D, ['slub: unable to allocate memory']),
  p('page-allocation-failure', 'slab-allocation-failure', D, ['page allocation failure']),

  // ENOSPC from other limits under a cgroup path is not about ids: inotify watches
  // (max_user_watches) and cpuset.cpus/mems outside the parent's set.
  {
    ...p('cgroup-mkdir-enospc', 'cgroup-id-exhaustion', ALL, ['no space left on device'], /cgroup/i),
    reject: /inotify|cpuset\.(?:cpus|mems)/i,
  },

  p('kmem-error', 'kmem-accounting-risk', ALL, ['kmem'], /fail|error|cannot|unable/i),
  // A memory cgroup mkdir failing with ENOMEM while the node has free memory: the kmem
  // accounting leak of 3.10-4.x kernels (kubernetes#61937, #96701).
  p(
    'memcg-mkdir-enomem',
    'kmem-accounting-risk',
    ALL,
    ['cannot allocate memory'],
    /mkdir \S*\/sys\/fs\/cgroup\/memory|memory cgroup|\bmemcg\b/i,
  ),

  p('systemd-activate-timeout', 'systemd-unresponsive', ALL, [
    "failed to activate service 'org.freedesktop.systemd1'",
  ]),
  p(
    'systemd-bus-timeout',
    'systemd-unresponsive',
    ALL,
    ['org.freedesktop.systemd1'],
    /timed? ?out|timeout|no reply|did not receive a reply/i,
  ),

  // systemctl and PID 1's own words for the same hang. "Failed to get D-Bus connection:
  // Operation not permitted" (inside containers) and "Reexecuting." (package upgrades) are
  // normal and not listed.
  p(
    'systemctl-properties-timeout',
    'systemd-unresponsive',
    ALL,
    ['failed to get properties', 'failed to get d-bus connection', 'api bus'],
    /timed? ?out|timeout|no reply/i,
  ),
  p('systemd-looping-too-fast', 'systemd-unresponsive', ALL, ['looping too fast']),
  // Clients waiting on PID 1 in their own words: systemd-run (kubelet's mounts) and
  // libcontainer's systemd cgroup driver ("Timed out while waiting for StopUnit(…)
  // completion signal from dbus. Continuing...").
  p(
    'systemd-unit-job-timeout',
    'systemd-unresponsive',
    ALL,
    ['failed to start transient', 'completion signal from dbus'],
    /timed? ?out/i,
  ),
  p('godbus-goroutine-blocked', 'systemd-unresponsive', ALL, ['goroutine blocked in godbus call']),
  p(
    'runc-timeout',
    'runc-stuck',
    KR,
    ['runc'],
    // go-runc says "runc did not terminate successfully: exit status N" for any failed run: a
    // fast failure, not a hang. Killed after its deadline ("…: signal: killed") is one.
    /\brunc(?: \w+)? (?:did not terminate(?! successfully)|timed out)|runc.*signal: killed/i,
  ),
] as const;

/** Every log pattern id: detectors and checks name patterns by these, so a typo fails to compile. */
export type LogPatternId = (typeof PATTERNS)[number]['id'];

export const LOG_PATTERNS: readonly LogPattern[] = PATTERNS;

/** Matched lines per pattern id. */
export type PatternCounts = Partial<Record<LogPatternId, number>>;

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Regex source of a trie: one branch per distinct next character, so a position fails fast. */
function trieSource(node: TrieNode): string {
  const alts = [...node.next].map(([c, child]) => escapeChar(c) + trieSource(child));
  if (alts.length === 0) return '';
  const body = alts.length === 1 ? (alts[0] as string) : `(?:${alts.join('|')})`;
  // Greedy: the longest needle at a position wins; shorter ones come from the closure.
  return node.end ? `(?:${body})?` : body;
}

/**
 * Finds which needles occur in a line in one regex pass shaped as a trie: kubelet storms are
 * thousands of 1 KB lines, where one indexOf per needle, or a flat alternation, costs 15-25x
 * more. Scanning restarts one character after each hit, so every start position reports its
 * longest needle; needles contained in a hit are added from a precomputed closure.
 */
export class NeedleScanner {
  private readonly re: RegExp | undefined;
  private readonly contained = new Map<string, string[]>();

  constructor(needles: Iterable<string>) {
    const list = [...new Set(needles)].filter((n) => n.length > 0);
    const root: TrieNode = { end: false, next: new Map() };
    for (const n of list) {
      this.contained.set(
        n,
        list.filter((m) => m !== n && n.includes(m)),
      );
      let node = root;
      for (const c of n) {
        let child = node.next.get(c);
        if (!child) {
          child = { end: false, next: new Map() };
          node.next.set(c, child);
        }
        node = child;
      }
      node.end = true;
    }
    this.re = list.length > 0 ? new RegExp(trieSource(root), 'g') : undefined;
  }

  hits(lower: string): Set<string> | undefined {
    if (!this.re) return undefined;
    let out: Set<string> | undefined;
    this.re.lastIndex = 0;
    for (let m = this.re.exec(lower); m; m = this.re.exec(lower)) {
      out ??= new Set();
      out.add(m[0]);
      for (const c of this.contained.get(m[0]) ?? []) out.add(c);
      this.re.lastIndex = m.index + 1;
    }
    return out;
  }
}

export interface SourcePatterns {
  patterns: LogPattern[];
  scanner: NeedleScanner;
}

/** Patterns per source, so each event is only tested against what can match it. */
export function patternsBySource(): Record<LogSource, SourcePatterns> {
  const make = (s: LogSource): SourcePatterns => {
    const patterns = LOG_PATTERNS.filter((p) => p.sources.includes(s));
    return { patterns, scanner: new NeedleScanner(patterns.flatMap((p) => p.needles)) };
  };
  return { 'kubelet-log': make('kubelet-log'), 'runtime-log': make('runtime-log'), dmesg: make('dmesg') };
}

/**
 * `text` is what the needles were found in (message plus structured fields): a rejection
 * looks there too, since the part that rules a line out often sits in an err= field.
 */
export function patternMatches(
  pat: LogPattern,
  ev: LogEvent,
  hits: Set<string> | undefined,
  text: string = ev.message,
): boolean {
  if (pat.when) return pat.when(ev);
  if (!hits) return false;
  let hit = false;
  for (const n of pat.needles) {
    if (hits.has(n)) {
      hit = true;
      break;
    }
  }
  return (
    hit &&
    (pat.confirm === undefined || pat.confirm.test(ev.message)) &&
    (pat.reject === undefined || !pat.reject.test(text))
  );
}
