'use client';
import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type FleetParams, nextSort } from '@/lib/fleet-params';
import { formatMetric, formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { FleetRowView } from './fleet-row';
import { buildItems, type FleetItem, type FleetList } from './fleet-types';

const ROW_H = 34;
const GROUP_H = 30;
/** Sparklines are fetched per page of rows so scrolling does not refetch on every pixel. */
const SPARK_PAGE = 40;

interface Props {
  data: FleetList;
  params: FleetParams;
  set: (patch: Partial<FleetParams>) => void;
}

function HeaderCell({
  label,
  sortKey,
  params,
  set,
  className,
  title,
}: {
  label: string;
  sortKey?: string;
  params: FleetParams;
  set: Props['set'];
  className: string;
  title?: string;
}) {
  if (!sortKey) return <div className={`fcell ${className}`}>{label}</div>;
  const sorted = params.sort === sortKey;
  return (
    <div className={`fcell ${className}`}>
      <button
        type="button"
        className={`sort${sorted ? ' on' : ''}`}
        onClick={() => set(nextSort(params, sortKey))}
        title={title ?? `Sort by ${label}`}
        data-sort={sortKey}
        data-dir={sorted ? params.dir : undefined}
      >
        {label}
        <span className="arrow">{sorted ? (params.dir === 'asc' ? '▲' : '▼') : ''}</span>
      </button>
    </div>
  );
}

/**
 * Virtualized fleet grid (5,000 nodes stay smooth): only visible rows are in the DOM. The
 * cursor is kept by node name, so a live refresh that reorders rows keeps the user's place.
 */
export function FleetTable({ data, params, set }: Props) {
  const router = useRouter();
  const trpc = useTRPC();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const items = useMemo(() => buildItems(data.rows, params.group), [data.rows, params.group]);
  const col = useMemo(() => new Map(data.columns.map((c, i) => [c, i])), [data.columns]);
  const medians = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of data.pools) m.set(`${p.cluster}/${p.pool}/${p.metric}`, p.median);
    return m;
  }, [data.pools]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_H : ROW_H),
    getItemKey: (i) => items[i]?.key ?? i,
    overscan: 12,
  });
  // Switching the grouping changes which indexes are headers: drop every cached size and
  // position, or old headers stay drawn over rows (measurements are cached per index).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure exactly when the item list changes
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [items, virtualizer]);
  const virtualItems = virtualizer.getVirtualItems();

  const first = virtualItems[0]?.index ?? 0;
  const last = virtualItems[virtualItems.length - 1]?.index ?? 0;
  const pageStart = Math.floor(first / SPARK_PAGE) * SPARK_PAGE;
  const pageEnd = (Math.floor(last / SPARK_PAGE) + 1) * SPARK_PAGE;
  const sparkNames = useMemo(
    () => items.slice(pageStart, pageEnd).flatMap((it) => (it.kind === 'node' ? [it.row.name] : [])),
    [items, pageStart, pageEnd],
  );
  const spark = useQuery({
    ...trpc.fleet.sparklines.queryOptions({
      names: sparkNames,
      metrics: data.metrics.map((m) => m.name),
      hours: 24,
      buckets: 24,
    }),
    enabled: sparkNames.length > 0,
    refetchInterval: 60_000,
    placeholderData: (prev) => prev,
  });

  const nodeIndexes = useMemo(() => items.flatMap((it, i) => (it.kind === 'node' ? [i] : [])), [items]);
  const move = useCallback(
    (delta: number) => {
      if (!nodeIndexes.length) return;
      const cur = cursor ? items.findIndex((it) => it.key === cursor) : -1;
      const pos = nodeIndexes.indexOf(cur);
      const nextPos = pos === -1 ? 0 : Math.max(0, Math.min(nodeIndexes.length - 1, pos + delta));
      const idx = nodeIndexes[nextPos] ?? 0;
      setCursor(items[idx]?.key ?? null);
      virtualizer.scrollToIndex(idx, { align: 'auto' });
    },
    [cursor, items, nodeIndexes, virtualizer],
  );
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_H) - 2);
    const step: Record<string, number> = {
      ArrowDown: 1,
      j: 1,
      ArrowUp: -1,
      k: -1,
      PageDown: page,
      PageUp: -page,
      Home: -1e9,
      End: 1e9,
    };
    const delta = step[e.key];
    if (delta !== undefined) {
      e.preventDefault();
      move(delta);
    } else if (e.key === 'Enter' && cursor) {
      e.preventDefault();
      router.push(`/nodes/${encodeURIComponent(cursor)}`);
    }
  }

  const renderGroup = (it: Extract<FleetItem, { kind: 'group' }>) => (
    <div className="fgroup">
      <div className="fcell c-group">
        <span className="gname">{it.cluster}</span>
        {it.pool !== null ? <span className="faint"> / </span> : null}
        {it.pool !== null ? <span className="gname">{it.pool}</span> : null}
        <span className="faint"> · {formatNumber(it.count)} nodes</span>
        {it.critical ? <span className="badge sev-critical">{it.critical} critical</span> : null}
        {it.warning ? <span className="badge sev-warning">{it.warning} warning</span> : null}
      </div>
      {data.metrics.map((m) => {
        const med = it.pool !== null ? medians.get(`${it.cluster}/${it.pool}/${m.name}`) : undefined;
        return (
          <div key={m.name} className="fcell c-metric gmed" title={`Pool median ${m.label}`}>
            {med !== undefined ? <>med {formatMetric(med, m.unit)}</> : null}
          </div>
        );
      })}
    </div>
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a virtualized grid of divs; the scroll area owns j/k/Enter for its rows
    <div
      ref={scrollRef}
      className="fleet-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: see above, the keyboard cursor lives here
      tabIndex={0}
      data-rows={data.rows.length}
      onKeyDown={onKeyDown}
    >
      <div className="fhead">
        <HeaderCell
          label=""
          sortKey="health"
          className="c-health"
          params={params}
          set={set}
          title="Sort by health"
        />
        <HeaderCell label="Node" sortKey="name" className="c-name" params={params} set={set} />
        <HeaderCell label="Findings" sortKey="findings" className="c-findings" params={params} set={set} />
        <HeaderCell
          label="Collection"
          sortKey="age"
          className="c-state"
          params={params}
          set={set}
          title="Sort by last snapshot age"
        />
        <HeaderCell
          label="Kernel · kubelet"
          sortKey="kernel"
          className="c-version"
          params={params}
          set={set}
        />
        <HeaderCell label="Uptime" sortKey="m:uptime.s" className="c-uptime num" params={params} set={set} />
        {data.metrics.map((m) => (
          <HeaderCell
            key={m.name}
            label={m.label}
            sortKey={`m:${m.name}`}
            className="c-metric"
            params={params}
            set={set}
            title={`Sort by ${m.label} (${m.name})`}
          />
        ))}
      </div>
      {items.length === 0 ? (
        <div className="empty">No node matches these filters.</div>
      ) : (
        <div key={params.group} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const it = items[v.index];
            if (!it) return null;
            return (
              <div
                key={v.key}
                className="vitem"
                style={{ transform: `translateY(${v.start}px)`, height: v.size }}
              >
                {it.kind === 'group' ? (
                  renderGroup(it)
                ) : (
                  <FleetRowView
                    row={it.row}
                    col={col}
                    metrics={data.metrics}
                    spark={spark.data?.[it.row.name]}
                    active={cursor === it.key}
                    onSelect={setCursor}
                  />
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
