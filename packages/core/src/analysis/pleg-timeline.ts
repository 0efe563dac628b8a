import { eventText } from './event-text.ts';
import type { LogEvent } from '../model/node-state.ts';
import { parseGoDuration } from './go-duration.ts';

/**
 * PLEG relist timing from kubelet's "GenericPLEG: Relisting" lines (logged at -v=5 once per
 * relist, normally every second) and the staleness kubelet reports when it gives up:
 * "PLEG is not healthy: pleg was last seen active 3m0.5s ago; threshold is 3m0s".
 */

export interface RelistPoint {
  /** Time of the relist that ended the gap. */
  time: string;
  gapSeconds: number;
}

export interface PlegStats {
  relists: number;
  /** Gap before each relist, downsampled to at most TIMELINE_CAP points keeping each bucket's worst gap. */
  timeline: RelistPoint[];
  maxGap?: { from: string; to: string; seconds: number; line: number };
  medianGapSeconds?: number;
  notHealthy: number;
  maxStalenessSeconds?: number;
  thresholdSeconds?: number;
  stalenessLine?: number;
}

export const TIMELINE_CAP = 300;

const STALE_RE =
  /last seen active ([0-9.]+[hmsµun][0-9.hmsµun]*) ago(?:; threshold is ([0-9.]+[hmsµun][0-9.hmsµun]*))?/;

export class PlegTracker {
  private readonly times: number[] = [];
  private readonly lines: number[] = [];
  private relists = 0;
  private notHealthyCount = 0;
  private staleness: number | undefined;
  private threshold: number | undefined;
  private stalenessLine: number | undefined;

  relist(ev: LogEvent): void {
    this.relists++;
    if (ev.time === undefined) return;
    const t = Date.parse(ev.time);
    if (!Number.isFinite(t)) return;
    this.times.push(t);
    this.lines.push(ev.line);
  }

  notHealthy(ev: LogEvent): void {
    this.notHealthyCount++;
    const m = STALE_RE.exec(eventText(ev));
    if (!m?.[1]) return;
    const s = parseGoDuration(m[1]);
    if (s !== undefined && (this.staleness === undefined || s > this.staleness)) {
      this.staleness = s;
      this.stalenessLine = ev.line;
    }
    const th = m[2] ? parseGoDuration(m[2]) : undefined;
    if (th !== undefined) this.threshold = th;
  }

  finish(): PlegStats {
    const out: PlegStats = { relists: this.relists, timeline: [], notHealthy: this.notHealthyCount };
    if (this.staleness !== undefined) out.maxStalenessSeconds = this.staleness;
    if (this.threshold !== undefined) out.thresholdSeconds = this.threshold;
    if (this.stalenessLine !== undefined) out.stalenessLine = this.stalenessLine;
    const n = this.times.length;
    if (n < 2) return out;
    const gaps: number[] = new Array(n - 1);
    let worst = 0;
    for (let i = 1; i < n; i++) {
      const g = ((this.times[i] as number) - (this.times[i - 1] as number)) / 1000;
      gaps[i - 1] = g;
      if (g > (gaps[worst] as number)) worst = i - 1;
    }
    out.maxGap = {
      from: new Date(this.times[worst] as number).toISOString(),
      to: new Date(this.times[worst + 1] as number).toISOString(),
      seconds: round3(gaps[worst] as number),
      line: this.lines[worst + 1] as number,
    };
    const sorted = [...gaps].sort((a, b) => a - b);
    out.medianGapSeconds = round3(sorted[Math.floor(sorted.length / 2)] as number);
    out.timeline = downsample(gaps, this.times);
    return out;
  }
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function downsample(gaps: number[], times: number[]): RelistPoint[] {
  const point = (i: number): RelistPoint => ({
    time: new Date(times[i + 1] as number).toISOString(),
    gapSeconds: round3(gaps[i] as number),
  });
  if (gaps.length <= TIMELINE_CAP) return gaps.map((_, i) => point(i));
  const out: RelistPoint[] = [];
  const size = gaps.length / TIMELINE_CAP;
  for (let b = 0; b < TIMELINE_CAP; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(gaps.length, Math.floor((b + 1) * size));
    let best = start;
    for (let i = start + 1; i < end; i++) if ((gaps[i] as number) > (gaps[best] as number)) best = i;
    out.push(point(best));
  }
  return out;
}
