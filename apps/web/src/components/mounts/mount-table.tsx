'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { stateClass } from './mount-graph-canvas';
import { fmt, KIND_LABEL, type MountNode } from './types';

type Key = 'kind' | 'label' | 'count' | 'leakCount' | 'state';
const COLS: { key: Key; label: string }[] = [
  { key: 'kind', label: 'Kind' },
  { key: 'label', label: 'Name / path' },
  { key: 'count', label: 'Count' },
  { key: 'leakCount', label: 'Leaked' },
  { key: 'state', label: 'State' },
];

/** The graph's nodes as a sortable, virtualized list: the phone view and the keyboard view. */
export function MountTable({
  nodes,
  selected,
  expanded,
  onPick,
}: {
  nodes: MountNode[];
  selected?: string;
  expanded?: string;
  onPick: (n: MountNode) => void;
}) {
  const [sort, setSort] = useState<{ key: Key | 'column'; dir: 1 | -1 }>({ key: 'column', dir: 1 });
  const rows = useMemo(() => {
    const r = [...nodes];
    r.sort((a, b) => {
      if (sort.key === 'column') return a.column - b.column || a.y - b.y;
      const x = a[sort.key] ?? '';
      const y = b[sort.key] ?? '';
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
    return r;
  }, [nodes, sort]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 44,
    overscan: 12,
  });
  return (
    <div className="mt-wrap" data-testid="mount-table">
      <div className="mt-head">
        {COLS.map((c) => (
          <button
            key={c.key}
            type="button"
            className={`mt-col mt-col-${c.key}`}
            aria-label={`sort by ${c.label}`}
            onClick={() =>
              setSort((s) => ({
                key: c.key,
                dir:
                  s.key === c.key ? (-s.dir as 1 | -1) : c.key === 'count' || c.key === 'leakCount' ? -1 : 1,
              }))
            }
          >
            {c.label}
            {sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
          </button>
        ))}
      </div>
      <div className="mt-body" ref={parent}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const n = rows[it.index] as MountNode;
            return (
              <button
                type="button"
                key={n.id}
                className={`mt-row${n.leak ? ' mt-leak' : ''}${n.id === selected ? ' mt-selected' : ''}`}
                style={{ transform: `translateY(${it.start}px)`, height: it.size }}
                onClick={() => onPick(n)}
                data-testid="mount-row"
              >
                <span className="mt-col mt-col-kind">
                  {KIND_LABEL[n.kind]}
                  {n.expandable ? (n.id === expanded ? ' −' : ' +') : ''}
                </span>
                <span className="mt-col mt-col-label" title={n.label}>
                  {n.label}
                  {n.detail ? <span className="faint"> {n.detail}</span> : null}
                </span>
                <span className="mt-col mt-col-count">{fmt(n.count)}</span>
                <span className="mt-col mt-col-leakCount">{n.leakCount ? fmt(n.leakCount) : ''}</span>
                <span className={`mt-col mt-col-state${n.state ? ` mg-state-${stateClass(n.state)}` : ''}`}>
                  {n.state ?? ''}
                </span>
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
