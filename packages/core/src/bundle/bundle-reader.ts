import type { Bundle, RawArtifact } from '../model/artifact.ts';
import { isProbeId } from '../model/probe-id.ts';
import type { ParseResult, ParseWarning } from '../model/warning.ts';

/**
 * Linear reader for bundle v1 (format in bundle-format.ts). Bundles reach 100+ MB, so the
 * text is never split into lines: section boundaries are found with indexOf and section texts
 * are slices of the input.
 */

const MAX_HEADER_LINES = 200;

/** Counts newlines lazily so warnings can carry a bundle line number without a full pass up front. */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly text: string) {}
  lineAt(index: number): number {
    if (index < this.pos) {
      this.pos = 0;
      this.line = 1;
    }
    let i = this.text.indexOf('\n', this.pos);
    while (i >= 0 && i < index) {
      this.line++;
      i = this.text.indexOf('\n', i + 1);
    }
    this.pos = index;
    return this.line;
  }
}

function lineEndAt(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function parseParams(rest: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const token of rest.split(' ')) {
    const eq = token.indexOf('=');
    if (eq > 0) params.set(token.slice(0, eq), token.slice(eq + 1));
  }
  return params;
}

function decodeError(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function normaliseTakenAt(raw: string, warn: (m: string) => void): string {
  if (raw === '') {
    warn('bundle has no #taken-at header');
    return '';
  }
  const t = Date.parse(raw);
  if (!Number.isFinite(t)) {
    warn(`unreadable #taken-at "${raw}"`);
    return raw;
  }
  return new Date(t).toISOString();
}

/**
 * Whether a `\n--<boundary>` hit at `i` (index of the "--") is a real boundary line: followed by
 * a space (section header) or by "--" and the end of the line (end marker).
 */
function isBoundaryLine(text: string, i: number, markerLen: number): boolean {
  const c = text.charCodeAt(i + markerLen);
  if (c === 32) return true;
  if (c !== 45 || text.charCodeAt(i + markerLen + 1) !== 45) return false;
  const after = text.charCodeAt(i + markerLen + 2);
  return Number.isNaN(after) || after === 10 || after === 13;
}

function findNextBoundary(text: string, from: number, marker: string): number {
  let search = from;
  for (;;) {
    const i = text.indexOf(`\n${marker}`, search);
    if (i < 0) return -1;
    if (isBoundaryLine(text, i + 1, marker.length)) return i + 1;
    search = i + 1;
  }
}

/**
 * A file cut inside the next boundary line leaves "…\n--nsb-17" at the end of the last
 * section: that is the start of a marker, not probe output.
 */
function dropCutMarker(body: string, marker: string): string {
  const nl = body.lastIndexOf('\n');
  const last = body.slice(nl + 1);
  if (last.length < 3 || !`${marker}--`.startsWith(last)) return body;
  return nl < 0 ? '' : body.slice(0, nl);
}

export function readBundle(text: string, start: number): ParseResult<Bundle | undefined> {
  const warnings: ParseWarning[] = [];
  const lines = new LineCounter(text);
  const warnAt = (index: number, message: string) => warnings.push({ line: lines.lineAt(index), message });

  const magicEnd = lineEndAt(text, start);
  const magicLine = text.slice(start, magicEnd);
  const crlf = magicLine.endsWith('\r');
  const version = stripCr(magicLine).split(/\s+/)[1] ?? '';
  if (version !== 'v1') warnAt(start, `bundle version "${version}" is not v1; reading it as v1`);

  const headers = new Map<string, string>();
  let pos = magicEnd + 1;
  let sectionStart = -1;
  for (let n = 0; pos < text.length && n < MAX_HEADER_LINES; n++) {
    const end = lineEndAt(text, pos);
    const line = stripCr(text.slice(pos, end));
    if (line.startsWith('--')) {
      sectionStart = pos;
      break;
    }
    if (line.startsWith('#')) {
      const colon = line.indexOf(':');
      if (colon > 1) headers.set(line.slice(1, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    } else if (line.trim() !== '') {
      warnAt(pos, `unexpected line in bundle header: "${line.slice(0, 80)}"`);
    }
    pos = end + 1;
  }

  const node = headers.get('node') ?? '';
  if (node === '') warnAt(start, 'bundle has no #node header');
  const bundle: Bundle = {
    formatVersion: 1,
    node: { name: node === '' ? 'unknown' : node },
    takenAt: normaliseTakenAt(headers.get('taken-at') ?? '', (m) => warnAt(start, m)),
    artifacts: [],
  };
  const host = headers.get('host');
  if (host) bundle.node.host = host;
  const collector = headers.get('collector');
  if (collector) bundle.collector = collector;

  if (sectionStart < 0) {
    warnAt(Math.min(pos, text.length), 'bundle has no sections');
    return { value: bundle, warnings };
  }
  const firstLine = stripCr(text.slice(sectionStart, lineEndAt(text, sectionStart)));
  let boundary = headers.get('boundary') ?? '';
  if (boundary === '' || !firstLine.startsWith(`--${boundary}`)) {
    const inferred = firstLine.slice(2).split(' ')[0]?.replace(/--$/, '') ?? '';
    if (boundary !== '') warnAt(sectionStart, `first section does not use #boundary "${boundary}"`);
    else warnAt(start, 'bundle has no #boundary header; using the first section line');
    boundary = inferred;
  }
  const marker = `--${boundary}`;

  let at = sectionStart;
  let ended = false;
  const seen = new Set<string>();
  while (at >= 0 && at < text.length) {
    const headerEnd = lineEndAt(text, at);
    const header = stripCr(text.slice(at, headerEnd));
    if (header === `${marker}--`) {
      ended = true;
      break;
    }
    const bodyStart = Math.min(headerEnd + 1, text.length);
    // Search from the header's own newline so an empty section ("\n" then boundary) is found.
    const next = findNextBoundary(text, headerEnd, marker);
    let body: string;
    let partial = false;
    if (next < 0) {
      body = dropCutMarker(text.slice(bodyStart), marker);
      partial = true;
    } else {
      // Drop the single separator newline the writer added (and its CR in a CRLF-converted file).
      let bodyEnd = Math.max(bodyStart, next - 1);
      if (crlf && bodyEnd > bodyStart && text.charCodeAt(bodyEnd - 1) === 13) bodyEnd--;
      body = text.slice(bodyStart, bodyEnd);
    }
    const params = parseParams(header.slice(marker.length + 1));
    const probe = params.get('probe') ?? '';
    if (!isProbeId(probe)) {
      warnAt(at, probe === '' ? 'section without probe= skipped' : `unknown probe id "${probe}" skipped`);
    } else {
      if (seen.has(probe)) warnAt(at, `probe "${probe}" appears more than once`);
      seen.add(probe);
      bundle.artifacts.push(makeArtifact(probe, params, body, partial, (m) => warnAt(at, m)));
    }
    at = next;
  }
  if (!ended) {
    warnings.push({
      message: 'bundle has no end marker (file truncated?); the last section is marked truncated',
    });
  }
  return { value: bundle, warnings };
}

function makeArtifact(
  probe: RawArtifact['probe'],
  params: Map<string, string>,
  text: string,
  partial: boolean,
  warn: (m: string) => void,
): RawArtifact {
  const exitRaw = params.get('exit') ?? '-';
  let exitCode: number | null = null;
  if (exitRaw !== '-') {
    exitCode = /^-?\d+$/.test(exitRaw) ? Number(exitRaw) : null;
    if (exitCode === null) warn(`probe "${probe}": unreadable exit=${exitRaw}`);
  }
  const duration = Number(params.get('duration_ms') ?? '0');
  const artifact: RawArtifact = {
    probe,
    text,
    exitCode,
    durationMs: Number.isFinite(duration) && duration >= 0 ? duration : 0,
    truncated: partial || params.get('truncated') === '1',
    timedOut: params.get('timed_out') === '1',
  };
  const error = params.get('error');
  if (error !== undefined && error !== '') artifact.error = decodeError(error);
  return artifact;
}
