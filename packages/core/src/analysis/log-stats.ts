import { eventText } from './event-text.ts';
import { th } from '../detectors/thresholds.ts';
import type { Evidence } from '../model/finding.ts';
import type { LogEvent, LogSource, NodeState } from '../model/node-state.ts';
import type { RuleId } from '../model/rule-id.ts';
import { LogDetails, type LogDetailsResult } from './log-details.ts';
import { type LogPattern, type PatternCounts, patternMatches, patternsBySource } from './log-patterns.ts';

/** Per-rule log matches with counts, rates and capped evidence, plus extracted details. */

export interface RuleLogStats {
  rule: RuleId;
  /** Log records matching any of the rule's patterns (a record counts once per rule). */
  count: number;
  byPattern: PatternCounts;
  /** count over the time span of the logs it came from, when they carry times. */
  perMinute?: number;
  /** Most matches within one calendar minute. */
  peakPerMinute?: number;
  firstTime?: string;
  lastTime?: string;
  evidence: Evidence[];
}

export interface SourceSpan {
  events: number;
  firstTime?: string;
  lastTime?: string;
  minutes?: number;
}

export interface LogStats extends LogDetailsResult {
  sources: Record<LogSource, SourceSpan>;
  rules: Partial<Record<RuleId, RuleLogStats>>;
  kubeletErrors: { count: number; perMinute?: number };
}

const SOURCES: readonly LogSource[] = ['kubelet-log', 'runtime-log', 'dmesg'];
const MAX_TEXT = 400;

export function evidenceText(message: string): string {
  return message.length > MAX_TEXT ? `${message.slice(0, MAX_TEXT - 1)}…` : message;
}

function timeMs(ev: LogEvent): number | undefined {
  if (ev.time === undefined) return undefined;
  const t = Date.parse(ev.time);
  return Number.isFinite(t) ? t : undefined;
}

function spanOf(events: LogEvent[]): SourceSpan {
  const span: SourceSpan = { events: events.length };
  let first: number | undefined;
  let last: number | undefined;
  for (let i = 0; i < events.length && first === undefined; i++) first = timeMs(events[i] as LogEvent);
  for (let i = events.length - 1; i >= 0 && last === undefined; i--) last = timeMs(events[i] as LogEvent);
  if (first !== undefined && last !== undefined) {
    span.firstTime = new Date(first).toISOString();
    span.lastTime = new Date(last).toISOString();
    span.minutes = Math.max(0, last - first) / 60_000;
  }
  return span;
}

class RuleAccumulator {
  count = 0;
  readonly byPattern: PatternCounts = {};
  private readonly perPattern = new Map<string, Evidence[]>();
  private readonly minutes = new Map<number, number>();
  private readonly sources = new Set<LogSource>();
  private first: number | undefined;
  private last: number | undefined;

  constructor(readonly rule: RuleId) {}

  add(patterns: LogPattern[], ev: LogEvent, t: number | undefined): void {
    this.count++;
    this.sources.add(ev.probe);
    const cap = th('evidenceCap');
    for (const pat of patterns) {
      this.byPattern[pat.id] = (this.byPattern[pat.id] ?? 0) + 1;
    }
    const key = patterns[0]?.id ?? '';
    let list = this.perPattern.get(key);
    if (!list) {
      list = [];
      this.perPattern.set(key, list);
    }
    if (list.length < cap) list.push({ probe: ev.probe, line: ev.line, text: evidenceText(eventText(ev)) });
    if (t !== undefined) {
      const minute = Math.floor(t / 60_000);
      this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + 1);
      if (this.first === undefined || t < this.first) this.first = t;
      if (this.last === undefined || t > this.last) this.last = t;
    }
  }

  /** Round-robin over patterns so one noisy signature does not hide the others. */
  private evidence(): Evidence[] {
    const cap = th('evidenceCap');
    const lists = [...this.perPattern.values()];
    const out: Evidence[] = [];
    for (let i = 0; out.length < cap; i++) {
      let added = false;
      for (const l of lists) {
        const e = l[i];
        if (e && out.length < cap) {
          out.push(e);
          added = true;
        }
      }
      if (!added) break;
    }
    return out.sort((a, b) => (a.probe === b.probe ? a.line - b.line : a.probe < b.probe ? -1 : 1));
  }

  finish(spans: Record<LogSource, SourceSpan>): RuleLogStats {
    const out: RuleLogStats = {
      rule: this.rule,
      count: this.count,
      byPattern: this.byPattern,
      evidence: this.evidence(),
    };
    let minutes: number | undefined;
    for (const s of this.sources) {
      const m = spans[s].minutes;
      if (m !== undefined) minutes = Math.max(minutes ?? 0, m);
    }
    if (minutes !== undefined) out.perMinute = round1(this.count / Math.max(1, minutes));
    if (this.minutes.size > 0) out.peakPerMinute = Math.max(...this.minutes.values());
    if (this.first !== undefined) out.firstTime = new Date(this.first).toISOString();
    if (this.last !== undefined) out.lastTime = new Date(this.last).toISOString();
    return out;
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Built once: the scanners' trie regexes stay compiled between snapshots. */
let bySourceCache: ReturnType<typeof patternsBySource> | undefined;

export function computeLogStats(state: NodeState): LogStats {
  bySourceCache ??= patternsBySource();
  const bySource = bySourceCache;
  const rules = new Map<RuleId, RuleAccumulator>();
  const details = new LogDetails();
  const sources = {} as Record<LogSource, SourceSpan>;
  let kubeletErrors = 0;

  for (const source of SOURCES) {
    const events = state.logs[source] ?? [];
    sources[source] = spanOf(events);
    const { patterns, scanner } = bySource[source];
    for (const ev of events) {
      const lower = eventText(ev).toLowerCase();
      const hits = scanner.hits(lower);
      if (source === 'kubelet-log' && (ev.level === 'E' || ev.level === 'F')) kubeletErrors++;
      details.onEvent(ev, lower);
      let matched: Map<RuleId, LogPattern[]> | undefined;
      for (const pat of patterns) {
        if (!patternMatches(pat, ev, hits, lower)) continue;
        matched ??= new Map();
        const list = matched.get(pat.rule);
        if (list) list.push(pat);
        else matched.set(pat.rule, [pat]);
        details.onMatch(pat, ev);
      }
      if (!matched) continue;
      const t = timeMs(ev);
      for (const [rule, pats] of matched) {
        let acc = rules.get(rule);
        if (!acc) {
          acc = new RuleAccumulator(rule);
          rules.set(rule, acc);
        }
        acc.add(pats, ev, t);
      }
    }
  }

  const ruleStats: Partial<Record<RuleId, RuleLogStats>> = {};
  for (const [rule, acc] of rules) ruleStats[rule] = acc.finish(sources);
  const kubeletMinutes = sources['kubelet-log'].minutes;
  const errors: LogStats['kubeletErrors'] = { count: kubeletErrors };
  if (kubeletMinutes !== undefined) errors.perMinute = round1(kubeletErrors / Math.max(1, kubeletMinutes));
  return { sources, rules: ruleStats, kubeletErrors: errors, ...details.finish() };
}
