import type { Bundle, RawArtifact } from '../model/artifact.ts';
import type { ParseResult } from '../model/warning.ts';
import { readBundle } from './bundle-reader.ts';

/**
 * Bundle text format v1: one file that carries a whole snapshot, written by the collector,
 * the simulator and nodescope-collect.sh, read back by uploads and `nodescope analyze`.
 *
 *   #nodescope-bundle v1
 *   #node: worker-17
 *   #host: 10.0.3.17
 *   #taken-at: 2026-11-22T10:00:00Z
 *   #collector: nodescope 0.1.0
 *   #boundary: nsb-1732269600-4242
 *   --nsb-1732269600-4242 probe=mountinfo exit=0 duration_ms=12 truncated=0 timed_out=0
 *   <raw output, verbatim>
 *   --nsb-1732269600-4242--
 *
 * The writer puts exactly one "\n" after each section's text, so any text (with or without a
 * trailing newline, empty, CRLF) reads back byte for byte.
 */

export const BUNDLE_MAGIC = '#nodescope-bundle';

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

/** True when `--<boundary>` starts a line anywhere in the text (or the text itself). */
function textContainsBoundary(text: string, marker: string): boolean {
  return text.startsWith(marker) || text.includes(`\n${marker}`);
}

function pickBoundary(b: Bundle): string {
  const t = Date.parse(b.takenAt);
  const seconds = Number.isFinite(t) ? Math.floor(t / 1000) : 0;
  // Deterministic, so the same bundle always serialises to the same text.
  for (let n = 4242; ; n++) {
    const boundary = `nsb-${seconds}-${n}`;
    const marker = `--${boundary}`;
    if (!b.artifacts.some((a) => textContainsBoundary(a.text, marker))) return boundary;
  }
}

function sectionHeader(marker: string, a: RawArtifact): string {
  const exit = a.exitCode === null || !Number.isFinite(a.exitCode) ? '-' : String(Math.trunc(a.exitCode));
  const duration = Number.isFinite(a.durationMs) ? Math.max(0, Math.round(a.durationMs)) : 0;
  let line = `${marker} probe=${a.probe} exit=${exit} duration_ms=${duration} truncated=${a.truncated ? 1 : 0} timed_out=${a.timedOut ? 1 : 0}`;
  if (a.error !== undefined && a.error !== '') line += ` error=${encodeURIComponent(a.error)}`;
  return line;
}

export function serializeBundle(b: Bundle): string {
  const boundary = pickBoundary(b);
  const marker = `--${boundary}`;
  const parts: string[] = [`${BUNDLE_MAGIC} v1\n`, `#node: ${oneLine(b.node.name)}\n`];
  if (b.node.host !== undefined && b.node.host !== '') parts.push(`#host: ${oneLine(b.node.host)}\n`);
  parts.push(`#taken-at: ${oneLine(b.takenAt)}\n`);
  if (b.collector !== undefined && b.collector !== '') parts.push(`#collector: ${oneLine(b.collector)}\n`);
  parts.push(`#boundary: ${boundary}\n`);
  for (const a of b.artifacts) {
    parts.push(sectionHeader(marker, a), '\n', a.text, '\n');
  }
  parts.push(`${marker}--\n`);
  return parts.join('');
}

/** Index of the magic line's start, or -1. Only a line start counts, so prose mentioning it does not. */
export function findBundleStart(text: string, limit = text.length): number {
  let from = 0;
  while (from < limit) {
    const i = text.indexOf(BUNDLE_MAGIC, from);
    if (i < 0 || i >= limit) return -1;
    if (i === 0 || text.charCodeAt(i - 1) === 10) return i;
    from = i + BUNDLE_MAGIC.length;
  }
  return -1;
}

/** Cheap check on the first 64 KiB: pasted text may start with shell prompts. */
export function looksLikeBundle(text: string): boolean {
  return findBundleStart(text, Math.min(text.length, 64 * 1024)) >= 0;
}

/**
 * Reads a bundle; `value` is undefined only when there is no `#nodescope-bundle` line at all.
 * Unknown probe ids and a missing end marker become warnings, never exceptions.
 */
export function parseBundle(text: string): ParseResult<Bundle | undefined> {
  const start = findBundleStart(text);
  if (start < 0) return { value: undefined, warnings: [{ message: `no ${BUNDLE_MAGIC} line found` }] };
  return readBundle(text, start);
}
