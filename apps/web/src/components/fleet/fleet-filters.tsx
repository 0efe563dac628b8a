'use client';
import { useEffect, useRef, useState } from 'react';
import { STATE_LABELS } from '@/components/collection-state';
import { DEFAULT_FLEET_PARAMS, type FleetParams, toggle } from '@/lib/fleet-params';
import { formatNumber } from '@/lib/format';
import type { FleetList } from './fleet-types';

const SEVERITIES = ['critical', 'warning', 'info', 'ok'] as const;

interface Props {
  params: FleetParams;
  set: (patch: Partial<FleetParams>) => void;
  facets: FleetList['facets'] | undefined;
}

/** Filter bar; every control writes the URL, nothing is local state except the typing buffer. */
export function FleetFilters({ params, set, facets }: Props) {
  const [q, setQ] = useState(params.q);
  const searchRef = useRef<HTMLInputElement>(null);
  // Follow the URL when it changes from elsewhere (back button, pasted link).
  useEffect(() => setQ(params.q), [params.q]);
  useEffect(() => {
    if (q === params.q) return;
    const t = setTimeout(() => set({ q }), 250);
    return () => clearTimeout(t);
  }, [q, params.q, set]);
  // "/" focuses search, as in most dashboards.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement;
      if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const active =
    params.q ||
    params.severity.length ||
    params.rule.length ||
    params.label.length ||
    params.state.length ||
    params.cluster.length ||
    params.pool.length;

  return (
    <div className="filters">
      <input
        ref={searchRef}
        className="input search"
        type="search"
        placeholder="Search nodes, kernels, labels, findings…  (/)"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-label="Search"
      />
      <fieldset className="seg" aria-label="Severity">
        {SEVERITIES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={params.severity.includes(s)}
            onClick={() => set({ severity: toggle(params.severity, s) })}
            data-severity={s}
          >
            <span className={`dot dot-${s}`} />
            {s}
            <span className="faint">{formatNumber(facets?.health[s] ?? 0)}</span>
          </button>
        ))}
      </fieldset>
      <select
        className="select"
        aria-label="Rule"
        value=""
        onChange={(e) => e.target.value && set({ rule: toggle(params.rule, e.target.value) })}
      >
        <option value="">Rule…</option>
        {facets?.rules.map((r) => (
          <option key={r.rule} value={r.rule}>
            {params.rule.includes(r.rule) ? '✓ ' : ''}
            {r.rule} ({formatNumber(r.nodes)})
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Label"
        value=""
        onChange={(e) => e.target.value && set({ label: toggle(params.label, e.target.value) })}
      >
        <option value="">Label…</option>
        {facets?.labels.map((l) => {
          const sel = `${l.key}=${l.value}`;
          return (
            <option key={sel} value={sel}>
              {params.label.includes(sel) ? '✓ ' : ''}
              {sel} ({formatNumber(l.nodes)})
            </option>
          );
        })}
      </select>
      <select
        className="select"
        aria-label="Collection state"
        value=""
        onChange={(e) => e.target.value && set({ state: toggle(params.state, e.target.value) })}
      >
        <option value="">Collection…</option>
        {Object.entries(facets?.states ?? {})
          .filter(([, n]) => n > 0)
          .map(([s, n]) => (
            <option key={s} value={s}>
              {params.state.includes(s) ? '✓ ' : ''}
              {STATE_LABELS[s] ?? s} ({formatNumber(n)})
            </option>
          ))}
      </select>
      <button
        type="button"
        className="btn btn-sm"
        aria-pressed={params.sort === 'outlier'}
        onClick={() =>
          set(params.sort === 'outlier' ? { sort: 'health', dir: 'desc' } : { sort: 'outlier', dir: 'desc' })
        }
        title="Sort by the largest ratio to the peer median"
        data-outliers-first
      >
        {params.sort === 'outlier' ? '✓ ' : ''}Outliers first
      </button>
      <label className="row faint" style={{ gap: 6 }}>
        Group
        <select
          className="select"
          aria-label="Group by"
          value={params.group}
          onChange={(e) => set({ group: e.target.value as FleetParams['group'] })}
        >
          <option value="pool">cluster / pool</option>
          <option value="cluster">cluster</option>
          <option value="none">none</option>
        </select>
      </label>
      {active ? (
        <div className="row wrap active-filters">
          {params.rule.map((r) => (
            <button
              key={`r${r}`}
              type="button"
              className="chip removable"
              onClick={() => set({ rule: toggle(params.rule, r) })}
            >
              rule: {r} ✕
            </button>
          ))}
          {params.label.map((l) => (
            <button
              key={`l${l}`}
              type="button"
              className="chip removable"
              onClick={() => set({ label: toggle(params.label, l) })}
            >
              {l} ✕
            </button>
          ))}
          {params.state.map((s) => (
            <button
              key={`s${s}`}
              type="button"
              className="chip removable"
              onClick={() => set({ state: toggle(params.state, s) })}
            >
              {STATE_LABELS[s] ?? s} ✕
            </button>
          ))}
          {[...params.cluster, ...params.pool].map((c) => (
            <span key={`c${c}`} className="chip">
              {c}
            </span>
          ))}
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => {
              setQ('');
              set({ ...DEFAULT_FLEET_PARAMS, sort: params.sort, dir: params.dir, group: params.group });
            }}
          >
            Clear filters
          </button>
        </div>
      ) : null}
    </div>
  );
}
