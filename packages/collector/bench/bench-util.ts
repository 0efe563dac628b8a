import { spawnSync } from 'node:child_process';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Runs fn n times (after one warm-up) and returns the wall times in ms. */
export function timeRuns(n: number, fn: () => void): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Wall time of a whole external command, in ms. */
export function timeCommand(cmd: string, args: string[]): number {
  const t = performance.now();
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr?.toString().slice(0, 300)}`);
  return ms;
}

export function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

export const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
