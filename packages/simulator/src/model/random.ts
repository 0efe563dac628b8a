/**
 * Deterministic randomness. Every simulated value is a pure function of (node seed, purpose,
 * time slot), so two snapshots of the same node at overlapping times agree on what they share
 * (a log line at 09:58:01 is the same line in both), and tests can pin exact outputs.
 */

/** FNV-1a over the string, 32-bit. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes integers into one 32-bit hash (splitmix-style finaliser). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h ^= Math.trunc(p) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    // Large numbers (epoch ms) would lose their high bits through `>>> 0`.
    if (Math.abs(p) > 0xffffffff) h ^= Math.floor(p / 0x100000000) >>> 0;
  }
  return h >>> 0;
}

const HEX = '0123456789abcdef';

/** A small, fast PRNG (mulberry32) for streams of values from one seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static of(seed: number, purpose: string): Rng {
    return new Rng(mix(seed, hashString(purpose)));
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  hex(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += HEX[(this.next() * 16) | 0];
    return s;
  }

  /** Lowercase alphanumerics, like Kubernetes generated name suffixes and cloud disk ids. */
  alnum(len: number, alphabet = 'bcdfghjklmnpqrstvwxz2456789'): string {
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** A uniform value in [0,1) for one (seed, purpose, slot) triple, without keeping a stream. */
export function unit(seed: number, purpose: number, slot: number): number {
  return mix(seed, purpose, slot) / 4294967296;
}
