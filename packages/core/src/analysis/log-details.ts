import { eventText } from './event-text.ts';
import type { LogEvent, LogSource } from '../model/node-state.ts';
import { parseGoDuration } from './go-duration.ts';
import { kernelMessageDevice } from './kernel-device.ts';
import type { LogPattern, LogPatternId, PatternCounts } from './log-patterns.ts';
import { type PlegStats, PlegTracker } from './pleg-timeline.ts';

/**
 * Structured facts pulled from matched log lines: retry backoffs, the volumes and references
 * kubelet cannot unmount, kubelet exits and restarts, per-device kernel errors, hung tasks,
 * failing slab caches and the paths applications got EIO on. Bounded in size whatever the
 * input: every list is capped and carries its total.
 */

export interface VolumeFailure {
  volume: string;
  count: number;
  deviceMountPath?: string;
  /** Paths kubelet says still reference the device mount (capped). */
  references: string[];
  referenceTotal: number;
  line: number;
}

export interface VolumeLogStats {
  backoff: { duration: string; seconds: number; count: number }[];
  maxBackoffSeconds?: number;
  failedVolumes: VolumeFailure[];
  volumeTotal: number;
  orphanedPods: string[];
  orphanedPodTotal: number;
}

export interface KubeletLifecycle {
  starts: number;
  scheduledRestarts: number;
  /** max(scheduled restarts, starts after the first). */
  restarts: number;
  exits: number;
  fatal: number;
  exitingBecauseOfError: number;
  mainProcessExited: number;
  exitStatuses: Record<string, number>;
  lastFatal?: { line: number; text: string };
  restartCounter?: number;
}

export interface DeviceErrorStats {
  device: string;
  /** Kernel log records with an I/O or filesystem error for this device. */
  errors: number;
  /** Filesystem shutdown kinds seen (journal-aborted, remount-read-only, xfs-force-shutdown…). */
  shutdown: LogPatternId[];
  patterns: PatternCounts;
  firstTime?: string;
  lastTime?: string;
  firstLine: number;
}

export interface HungTaskReport {
  task: string;
  pid?: number;
  seconds?: number;
  line: number;
}

export interface LogDetailsResult {
  volumes: VolumeLogStats;
  pleg: PlegStats;
  kubelet: KubeletLifecycle;
  devices: DeviceErrorStats[];
  hungTasks: HungTaskReport[];
  hungTaskTotal: number;
  slabCaches: { cache: string; count: number; memcg: boolean; firstTime?: string; firstLine: number }[];
  ioErrorPaths: { path: string; count: number; probe: LogSource; line: number }[];
}

const CAP_VOLUMES = 50;
const CAP_REFS = 20;
const CAP_LIST = 50;

const VOLUME_RE = /volume \\?"([^"\\]+)\\?"/;
const VOLUME_NAME_RE = /volumeName:([^\s}]+)/;
const DEVICE_MOUNT_PATH_RE = /device mount path \\?"([^"\\]+)\\?"/;
const REFS_RE = /other references \[([^\]]*)\]/;
const BACKOFF_RE = /durationBeforeRetry ([0-9.]+(?:h|ms|m|s|µs|us|ns)[0-9.hmsµun]*)/;
const ORPHAN_RE = /orphaned pod \\?"?([0-9a-f-]{8,})/i;
const STATUS_RE = /status=(\d+\/[\w/-]+)/;
const RESTART_COUNTER_RE = /restart counter is at (\d+)/;
const STARTED_RE = /^Started (?:Kubernetes Kubelet|kubelet)\b/i;
const HUNG_RE = /task (.+?):(\d+) blocked for more than (\d+) seconds/;
const SLAB_CACHE_RE = /cache: ([\w-]+)(\((\d+):[^)]*\))?/;
const EIO_PATH_RE =
  /(?:open|read|write|stat|lstat|mkdir|unlinkat|remove|readdirent|statfs|create|mount)\s+([^\s:"]+): input\/output error/i;

function topN<T>(items: Iterable<T>, n: number, by: (t: T) => number): T[] {
  return [...items].sort((a, b) => by(b) - by(a)).slice(0, n);
}

export class LogDetails {
  private readonly backoff = new Map<string, { seconds: number; count: number }>();
  private readonly volumes = new Map<string, VolumeFailure & { refSet: Set<string>; lastRefs?: string }>();
  private readonly orphans = new Set<string>();
  private readonly pleg = new PlegTracker();
  private readonly kubelet: KubeletLifecycle = {
    starts: 0,
    scheduledRestarts: 0,
    restarts: 0,
    exits: 0,
    fatal: 0,
    exitingBecauseOfError: 0,
    mainProcessExited: 0,
    exitStatuses: {},
  };
  private readonly devices = new Map<string, DeviceErrorStats & { lastLine: number }>();
  private readonly hung: HungTaskReport[] = [];
  private hungTotal = 0;
  private readonly slab = new Map<string, LogDetailsResult['slabCaches'][number]>();
  private slubPending = false;
  private readonly eioPaths = new Map<string, LogDetailsResult['ioErrorPaths'][number]>();

  onEvent(ev: LogEvent, lower: string): void {
    if (ev.probe === 'kubelet-log') {
      if (lower.includes('genericpleg: relisting')) this.pleg.relist(ev);
      if (lower.includes('durationbeforeretry')) this.onBackoff(eventText(ev));
      // kubelet itself also logs "Started kubelet" (with a source location); count systemd's line only.
      if (ev.sourceLoc === undefined && STARTED_RE.test(eventText(ev))) this.kubelet.starts++;
      const counter = RESTART_COUNTER_RE.exec(eventText(ev));
      if (counter)
        this.kubelet.restartCounter = Math.max(this.kubelet.restartCounter ?? 0, Number(counter[1]));
    } else if (ev.probe === 'dmesg' && this.slubPending) {
      this.slubPending = false;
      if (lower.startsWith('cache:')) this.onSlabCache(ev);
    }
  }

  onMatch(pat: LogPattern, ev: LogEvent): void {
    switch (pat.id) {
      case 'getdevicemountrefs-failed':
      case 'unmountdevice-failed':
      case 'teardown-failed':
        this.onVolumeFailure(ev);
        break;
      case 'orphaned-pod-volumes': {
        const m = ORPHAN_RE.exec(eventText(ev));
        if (m?.[1]) this.orphans.add(m[1]);
        break;
      }
      case 'pleg-not-healthy':
        this.pleg.notHealthy(ev);
        break;
      case 'exiting-because-of-error':
        this.kubelet.exitingBecauseOfError++;
        this.onFatal(ev);
        break;
      case 'fatal':
        this.kubelet.fatal++;
        this.onFatal(ev);
        break;
      case 'main-process-exited': {
        this.kubelet.mainProcessExited++;
        const s = STATUS_RE.exec(eventText(ev))?.[1];
        if (s) this.kubelet.exitStatuses[s] = (this.kubelet.exitStatuses[s] ?? 0) + 1;
        break;
      }
      case 'scheduled-restart':
        this.kubelet.scheduledRestarts++;
        break;
      case 'blocked-for-more-than':
        this.onHung(ev);
        break;
      case 'slub-unable-to-allocate':
        if (eventText(ev).includes('cache:')) this.onSlabCache(ev);
        else this.slubPending = true;
        break;
      case 'input-output-error':
        this.onEioPath(ev);
        break;
      default:
        if (pat.rule === 'disk-io-errors' || pat.rule === 'filesystem-shutdown') this.onDevice(pat, ev);
    }
  }

  private onBackoff(message: string): void {
    const d = BACKOFF_RE.exec(message)?.[1];
    if (!d) return;
    const seconds = parseGoDuration(d);
    if (seconds === undefined) return;
    const b = this.backoff.get(d);
    if (b) b.count++;
    else this.backoff.set(d, { seconds, count: 1 });
  }

  private onVolumeFailure(ev: LogEvent): void {
    const m = eventText(ev);
    const volume = VOLUME_RE.exec(m)?.[1] ?? VOLUME_NAME_RE.exec(m)?.[1] ?? '(unnamed)';
    let v = this.volumes.get(volume);
    if (!v) {
      v = { volume, count: 0, references: [], referenceTotal: 0, line: ev.line, refSet: new Set() };
      this.volumes.set(volume, v);
    }
    v.count++;
    const dmp = DEVICE_MOUNT_PATH_RE.exec(m)?.[1];
    if (dmp) v.deviceMountPath = dmp;
    const refs = REFS_RE.exec(m)?.[1];
    // A storm repeats the same reference list per volume: a list already read adds nothing.
    if (refs && refs !== v.lastRefs) {
      v.lastRefs = refs;
      for (const r of refs.split(/\s+/)) {
        if (r === '' || v.refSet.has(r)) continue;
        v.refSet.add(r);
        if (v.references.length < CAP_REFS) v.references.push(r);
      }
      v.referenceTotal = v.refSet.size;
    }
  }

  private onFatal(ev: LogEvent): void {
    this.kubelet.lastFatal = { line: ev.line, text: eventText(ev).slice(0, 300) };
  }

  private onHung(ev: LogEvent): void {
    this.hungTotal++;
    if (this.hung.length >= CAP_LIST) return;
    const m = HUNG_RE.exec(eventText(ev));
    const r: HungTaskReport = { task: m?.[1] ?? '?', line: ev.line };
    if (m?.[2]) r.pid = Number(m[2]);
    if (m?.[3]) r.seconds = Number(m[3]);
    this.hung.push(r);
  }

  private onSlabCache(ev: LogEvent): void {
    const m = SLAB_CACHE_RE.exec(eventText(ev));
    if (!m?.[1]) return;
    const key = m[1];
    const s = this.slab.get(key);
    if (s) s.count++;
    else {
      const entry: LogDetailsResult['slabCaches'][number] = {
        cache: key,
        count: 1,
        memcg: m[2] !== undefined,
        firstLine: ev.line,
      };
      if (ev.time) entry.firstTime = ev.time;
      this.slab.set(key, entry);
    }
  }

  private onEioPath(ev: LogEvent): void {
    const path = EIO_PATH_RE.exec(eventText(ev))?.[1];
    if (!path) return;
    const e = this.eioPaths.get(path);
    if (e) e.count++;
    else this.eioPaths.set(path, { path, count: 1, probe: ev.probe, line: ev.line });
  }

  private onDevice(pat: LogPattern, ev: LogEvent): void {
    const name = kernelMessageDevice(eventText(ev)) ?? '(unknown)';
    let d = this.devices.get(name);
    if (!d) {
      d = { device: name, errors: 0, shutdown: [], patterns: {}, firstLine: ev.line, lastLine: -1 };
      this.devices.set(name, d);
    }
    d.patterns[pat.id] = (d.patterns[pat.id] ?? 0) + 1;
    if (pat.rule === 'filesystem-shutdown' && !d.shutdown.includes(pat.id)) d.shutdown.push(pat.id);
    // One record may match several patterns; count it once.
    if (d.lastLine === ev.line) return;
    d.lastLine = ev.line;
    if (pat.rule === 'disk-io-errors' || pat.id === 'xfs-log-force-error') d.errors++;
    if (ev.time) {
      d.firstTime ??= ev.time;
      d.lastTime = ev.time;
    }
  }

  finish(): LogDetailsResult {
    const k = this.kubelet;
    k.restarts = Math.max(k.scheduledRestarts, k.starts - 1, 0);
    // systemd's line is one per exit; without it, kubelet's own last words (one kind per exit).
    k.exits = k.mainProcessExited > 0 ? k.mainProcessExited : k.exitingBecauseOfError + k.fatal;
    const backoff = topN(
      [...this.backoff].map(([duration, b]) => ({ duration, ...b })),
      20,
      (b) => b.seconds,
    );
    const failedVolumes = topN(this.volumes.values(), CAP_VOLUMES, (v) => v.count).map(
      ({ refSet: _r, lastRefs: _l, ...v }) => v,
    );
    const volumes: VolumeLogStats = {
      backoff,
      failedVolumes,
      volumeTotal: this.volumes.size,
      orphanedPods: [...this.orphans].slice(0, CAP_LIST),
      orphanedPodTotal: this.orphans.size,
    };
    if (backoff.length > 0) volumes.maxBackoffSeconds = backoff[0]?.seconds;
    const devices = topN(this.devices.values(), CAP_LIST, (d) => d.errors + d.shutdown.length * 1e6).map(
      ({ lastLine: _l, ...d }) => d,
    );
    return {
      volumes,
      pleg: this.pleg.finish(),
      kubelet: k,
      devices,
      hungTasks: this.hung,
      hungTaskTotal: this.hungTotal,
      slabCaches: topN(this.slab.values(), CAP_LIST, (s) => s.count),
      ioErrorPaths: topN(this.eioPaths.values(), CAP_LIST, (e) => e.count),
    };
  }
}
