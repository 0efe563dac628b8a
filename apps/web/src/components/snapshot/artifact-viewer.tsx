'use client';
import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { formatBytes, formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { findLines, lineHash, parseLineHash, splitArtifactLines } from './line-hash';

const LINE_H = 19;

export interface LineMark {
  severity: string;
  title: string;
}

function highlight(text: string, q: string): ReactNode {
  if (!q) return text;
  const lower = text.toLowerCase();
  const needle = q.toLowerCase();
  const parts: ReactNode[] = [];
  let i = 0;
  for (let j = lower.indexOf(needle); j !== -1; j = lower.indexOf(needle, i)) {
    parts.push(
      <Fragment key={`t${i}`}>{text.slice(i, j)}</Fragment>,
      <mark key={`m${j}`}>{text.slice(j, j + q.length)}</mark>,
    );
    i = j + q.length;
  }
  parts.push(<Fragment key={`t${i}`}>{text.slice(i)}</Fragment>);
  return parts;
}

/**
 * Raw artifact text with line numbers, search and `#L123` deep links. Virtualized: a 26,000-line
 * mount table renders only the lines on screen. Evidence lines carry a gutter mark.
 */
export function ArtifactViewer({
  snapshotId,
  probe,
  marks,
}: {
  snapshotId: string;
  probe: string;
  marks: Map<number, LineMark>;
}) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.snapshot.artifact.queryOptions({ id: snapshotId, probe }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const lines = useMemo(() => (q.data?.text != null ? splitArtifactLines(q.data.text) : []), [q.data]);
  const width = useMemo(() => lines.reduce((m, l) => Math.max(m, l.length), 0), [lines]);
  const [target, setTarget] = useState<{ from: number; to: number } | null>(null);
  const [search, setSearch] = useState('');
  const [matchIdx, setMatchIdx] = useState(0);
  const matches = useMemo(() => findLines(lines, search), [lines, search]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_H,
    overscan: 30,
  });

  // The hash is the deep link: read it on load and whenever it changes (evidence links, back button).
  useEffect(() => {
    const read = () => setTarget(parseLineHash(window.location.hash));
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  useEffect(() => {
    if (target && lines.length)
      v.scrollToIndex(Math.min(lines.length - 1, target.from - 1), { align: 'center' });
  }, [target, lines.length, v]);

  function goMatch(delta: number) {
    if (!matches.length) return;
    const next = (matchIdx + delta + matches.length) % matches.length;
    setMatchIdx(next);
    v.scrollToIndex(matches[next] as number, { align: 'center' });
  }

  function clickLine(n: number, shift: boolean) {
    const range =
      shift && target ? { from: Math.min(target.from, n), to: Math.max(target.from, n) } : { from: n, to: n };
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${window.location.search}${lineHash(range.from, range.to)}`,
    );
    setTarget(range);
  }

  const matchSet = useMemo(() => new Set(matches), [matches]);
  const current = matches[matchIdx];
  return (
    <div className="viewer panel">
      <div className="viewer-bar">
        <strong className="mono">{probe}</strong>
        {q.data ? (
          <span className="faint">
            {formatNumber(q.data.lineCount)} lines · {formatBytes(q.data.byteSize)}
            {q.data.truncated ? <span className="badge sev-warning">truncated at the probe cap</span> : null}
          </span>
        ) : null}
        <span className="grow" />
        <input
          className="input viewer-search"
          type="search"
          placeholder="Search in artifact"
          aria-label="Search in artifact"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setMatchIdx(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              goMatch(e.shiftKey ? -1 : 1);
            }
          }}
        />
        <span className="faint match-count">
          {search ? `${matches.length ? matchIdx + 1 : 0} / ${formatNumber(matches.length)}` : ''}
        </span>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => goMatch(-1)}
          disabled={!matches.length}
          aria-label="Previous match"
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => goMatch(1)}
          disabled={!matches.length}
          aria-label="Next match"
        >
          ↓
        </button>
      </div>
      {q.isError ? (
        <div className="error-box">
          Could not load {probe}: {q.error.message}
        </div>
      ) : !q.data ? (
        <div className="loading">Loading {probe}…</div>
      ) : q.data.text === null ? (
        <div className="empty">
          The raw text of this artifact was pruned by retention; findings and metrics remain.
        </div>
      ) : q.data.text === '' ? (
        <div className="empty">The probe produced no output.</div>
      ) : (
        <div ref={scrollRef} className="viewer-scroll" data-lines={lines.length}>
          <div
            style={{
              height: v.getTotalSize(),
              width: `calc(${width}ch + 90px)`,
              minWidth: '100%',
              position: 'relative',
            }}
          >
            {v.getVirtualItems().map((it) => {
              const n = it.index + 1;
              const mark = marks.get(n);
              const inTarget = target && n >= target.from && n <= target.to;
              const cls = [
                'vline',
                inTarget ? 'target' : '',
                mark ? `ev ev-${mark.severity}` : '',
                it.index === current ? 'current' : matchSet.has(it.index) ? 'hit' : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <div
                  key={it.key}
                  id={`L${n}`}
                  className={cls}
                  style={{ transform: `translateY(${it.start}px)` }}
                  title={mark?.title}
                  data-line={n}
                >
                  <button
                    type="button"
                    className="lno"
                    onClick={(e) => clickLine(n, e.shiftKey)}
                    aria-label={`Line ${n}`}
                  >
                    {n}
                  </button>
                  <span className="ltext">
                    {search && matchSet.has(it.index)
                      ? highlight(lines[it.index] ?? '', search)
                      : lines[it.index]}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
