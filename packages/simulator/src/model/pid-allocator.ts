import { mix } from './random.ts';

/**
 * Gives each task a pid that depends only on its identity, so a process keeps its pid from one
 * snapshot to the next; collisions probe forward the way the kernel skips pids in use.
 */
export class PidAllocator {
  private readonly used = new Set<number>();

  constructor(
    private readonly pidMax: number,
    private readonly low = 300,
  ) {}

  /** Claims exactly `pid` if free (fixed daemons), else the next free one. */
  claimAt(pid: number): number {
    let p = pid;
    while (this.used.has(p)) p = p + 1 >= this.pidMax ? this.low : p + 1;
    this.used.add(p);
    return p;
  }

  /** A pid in [from, to) chosen by `key`, stable across snapshots. */
  claimHashed(key: number, from: number, to: number): number {
    const lo = Math.max(this.low, Math.min(from, this.pidMax - 2));
    const hi = Math.max(lo + 1, Math.min(to, this.pidMax));
    return this.claimAt(lo + (mix(key) % (hi - lo)));
  }

  get size(): number {
    return this.used.size;
  }
}
