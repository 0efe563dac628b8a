'use client';
import './mounts.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { useUrlState } from '@/lib/use-url-state';
import { MountGraphCanvas } from './mount-graph-canvas';
import { type MountParams, mountGraphInput, parseMountParams, serialiseMountParams } from './mount-params';
import { MountSidePanel } from './mount-side-panel';
import { MountTable } from './mount-table';
import { fmt, type MountGraphData, type MountNode } from './types';

const CLASS_LABEL: Record<string, string> = {
  csi: 'CSI disks',
  'pod-volume': 'pod volume disks',
  system: 'system disks',
  network: 'network filesystems',
  'no-host-mount': 'no host mount',
};

function download(fileName: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5_000);
}

/** /nodes/<name>/mounts: the grouped mount graph of one snapshot, its table and side panel. */
export function MountsView({
  name,
  initial,
}: {
  name: string;
  /** The graph the server computed for the first URL, with the JSON of its input. */
  initial?: { key: string; data: MountGraphData };
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [p, set] = useUrlState<MountParams>(parseMountParams, serialiseMountParams);
  const [search, setSearch] = useState(p.q ?? '');
  // A phone opens on the list; the graph is one tap away.
  // Unknown (null) until the browser says: the server draws the graph, which a phone hides by CSS
  // until it switches to the list, so it never flashes a graph it will not show.
  const [narrow, setNarrow] = useState<boolean | null>(null);
  useEffect(() => setNarrow(window.matchMedia('(max-width: 760px)').matches), []);
  useEffect(() => {
    const t = setTimeout(() => {
      if ((p.q ?? '') !== search) set({ q: search || undefined });
    }, 250);
    return () => clearTimeout(t);
  }, [search, p.q, set]);
  const mode = p.mode ?? (narrow ? 'table' : 'graph');
  const input = mountGraphInput(name, p);
  const inputKey = JSON.stringify(input);
  const q = useQuery({
    ...trpc.mounts.graph.queryOptions(input),
    placeholderData: (prev) => prev,
    staleTime: 60_000,
    // The server's first render already holds the graph of the URL it was asked for.
    ...(initial && initial.key === inputKey ? { initialData: initial.data } : {}),
  });
  // The next click is almost always "expand the leak": fetch the largest leaking groups' expansions
  // while the engineer reads, so the click draws from the cache instead of waiting on the server.
  const view0 = q.data?.view;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `input` is rebuilt each render; inputKey stands for it
  useEffect(() => {
    if (!view0 || p.expand || mode !== 'graph') return;
    const groups = view0.nodes
      .filter((n) => n.expandable && n.leak)
      .sort((a, b) => b.count - a.count)
      .slice(0, 2);
    if (!groups.length) return;
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    const handle = idle(() => {
      for (const g of groups)
        void qc.prefetchQuery({
          ...trpc.mounts.graph.queryOptions({ ...input, expand: g.id, select: g.id }),
          staleTime: 60_000,
        });
    });
    return () => (window.cancelIdleCallback ?? window.clearTimeout)(handle);
  }, [view0, p.expand, mode, qc, trpc, inputKey]);
  // Stable between renders: the canvas rebuilds its React Flow nodes when it changes.
  const pick = useCallback(
    (n: MountNode) => {
      if (n.expandable) set({ sel: n.id, expand: p.expand === n.id ? undefined : n.id });
      else set({ sel: n.id });
    },
    [p.expand, set],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const crumbs = (
    <div className="crumbs">
      <Link href="/">Fleet</Link> / <Link href={`/nodes/${encodeURIComponent(name)}`}>{name}</Link> / mounts
    </div>
  );
  if (q.isError && !q.data) {
    const notFound = q.error.data?.code === 'NOT_FOUND';
    return (
      <div className="node-page">
        {crumbs}
        <div className="panel error-box" role="alert">
          {notFound
            ? `No snapshot of ${name}${p.snapshot ? ` with id ${p.snapshot}` : ''} to draw mounts from.`
            : `Could not load the mount graph of ${name}: ${q.error.message}`}
        </div>
      </div>
    );
  }
  if (!q.data) {
    return (
      <div className="node-page">
        {crumbs}
        <div className="panel loading" aria-busy="true">
          Loading the mount graph of {name}…
        </div>
      </div>
    );
  }
  const { view, selection, snapshot } = q.data;
  const t = view.totals;
  const leaking = view.holders.filter((h) => h.leak);
  const selectedNode = view.nodes.find((n) => n.id === p.sel);

  const exportFile = async (kind: 'leaks-csv' | 'umount-plan') => {
    setBusy(kind);
    setExportError(null);
    try {
      const r = await qc.fetchQuery(
        trpc.mounts.export.queryOptions({ node: name, snapshot: snapshot.id, kind }),
      );
      download(r.fileName, r.contentType, r.text);
    } catch (e) {
      setExportError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={`node-page mounts-page${narrow === null && !p.mode ? ' mp-mode-pending' : ''}`}>
      {crumbs}
      <div className="page-head mp-head">
        <h1>Mounts · {name}</h1>
        <span className="faint">
          snapshot <Link href={`/snapshots/${snapshot.id}`}>#{snapshot.id}</Link> ·{' '}
          {new Date(snapshot.takenAt).toISOString().replace('T', ' ').slice(0, 16)} UTC
        </span>
      </div>
      <div
        className={`mp-summary ${leaking.length ? 'mp-summary-leak' : 'mp-summary-ok'}`}
        role="status"
        data-testid="mount-summary"
      >
        <strong>{leaking.length ? 'Leak' : 'Nothing leaks'}</strong>
        <span>{leaking.length ? view.summary : view.summary.replace(/^Nothing leaks: /, '')}</span>
      </div>
      <div className="mp-stats">
        <span>
          <b>{fmt(t.records)}</b> mount records
        </span>
        <span>
          <b>{fmt(t.namespaces)}</b> namespaces
        </span>
        <span>
          <b>{fmt(t.devices)}</b> devices
        </span>
        <span>
          <b>{fmt(t.hostMounts)}</b> host mounts
        </span>
        <span>
          <b>{fmt(t.copies)}</b> copies
        </span>
        <span className={t.leakedCopies ? 'mp-bad' : ''}>
          <b>{fmt(t.leakedCopies)}</b> leaked
        </span>
        <span className="faint">{fmt(t.virtualRecords)} virtual (proc, tmpfs, overlay roots) not drawn</span>
      </div>
      {leaking.length ? (
        <div className="mp-holders" data-testid="mount-leak-holders">
          {leaking.map((h) => (
            <button
              type="button"
              key={h.holder}
              className={`mp-holder${p.holder === h.holder ? ' mp-holder-on' : ''}`}
              onClick={() => set({ holder: p.holder === h.holder ? undefined : h.holder })}
              title="show only this holder"
            >
              <span className="mp-holder-count">{fmt(h.leakedCopies)}</span>
              <span className="mp-holder-name">{h.pod ?? h.container ?? h.label}</span>
              <span className="mg-state mg-state-dead">{h.state}</span>
              <span className="faint">
                {Object.entries(h.reasons)
                  .filter(([r]) => r !== 'under-container-rootfs')
                  .map(([r, c]) => `${r.replace(/-/g, ' ')} ${fmt(c)}`)
                  .join(' · ')}
              </span>
            </button>
          ))}
        </div>
      ) : null}
      <div className="mp-toolbar" role="toolbar" aria-label="mount graph filters">
        <input
          type="search"
          className="mp-search"
          placeholder="Search path, device or container"
          aria-label="search path, device or container"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="mp-check">
          <input type="checkbox" checked={p.leaks} onChange={(e) => set({ leaks: e.target.checked })} /> leaks
          only
        </label>
        <select
          aria-label="holder"
          value={p.holder ?? ''}
          onChange={(e) => set({ holder: e.target.value || undefined })}
        >
          <option value="">every namespace / container</option>
          {view.facets.holders.map((h) => (
            <option key={h.key} value={h.key}>
              {h.label}
            </option>
          ))}
        </select>
        <select
          aria-label="device class"
          value={p.cls ?? ''}
          onChange={(e) => set({ cls: e.target.value || undefined })}
        >
          <option value="">every device class</option>
          {view.facets.deviceClasses.map((c) => (
            <option key={c} value={c}>
              {CLASS_LABEL[c] ?? c}
            </option>
          ))}
        </select>
        <select
          aria-label="filesystem type"
          value={p.fs ?? ''}
          onChange={(e) => set({ fs: e.target.value || undefined })}
        >
          <option value="">every fs type</option>
          {view.facets.fsTypes.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <fieldset className="mp-seg" aria-label="view mode">
          <button type="button" aria-pressed={mode === 'graph'} onClick={() => set({ mode: 'graph' })}>
            Graph
          </button>
          <button type="button" aria-pressed={mode === 'table'} onClick={() => set({ mode: 'table' })}>
            Table
          </button>
        </fieldset>
        <div className="mp-exports">
          <button
            type="button"
            className="btn btn-sm"
            disabled={busy !== null || t.leakedCopies === 0}
            onClick={() => exportFile('leaks-csv')}
          >
            {busy === 'leaks-csv' ? 'Preparing…' : 'Leaks CSV'}
          </button>
          <button
            type="button"
            className="btn btn-sm"
            disabled={busy !== null}
            onClick={() => exportFile('umount-plan')}
          >
            {busy === 'umount-plan' ? 'Preparing…' : 'Umount plan'}
          </button>
        </div>
      </div>
      {exportError ? (
        <div className="panel error-box" role="alert">
          Export failed: {exportError}
        </div>
      ) : null}
      {view.expanded ? (
        <div className="mp-expanded faint">
          Expanded: {view.nodes.find((n) => n.id === view.expanded)?.label ?? 'one group'}
          {view.capped
            ? ` · ${fmt(view.nodes.find((n) => n.id === view.expanded)?.hidden ?? 0)} more members stay in the group node`
            : ''}{' '}
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => set({ expand: undefined })}>
            collapse
          </button>
        </div>
      ) : null}
      <div className={`mp-main${p.sel ? ' mp-with-panel' : ''}${q.isFetching ? ' mp-fetching' : ''}`}>
        {view.nodes.length === 0 ? (
          <div className="panel empty">Nothing matches these filters.</div>
        ) : mode === 'graph' ? (
          <MountGraphCanvas view={view} selected={p.sel} onNodeClick={pick} />
        ) : (
          <MountTable nodes={view.nodes} selected={p.sel} expanded={view.expanded} onPick={pick} />
        )}
        {p.sel ? (
          <MountSidePanel
            node={selectedNode}
            selection={selection}
            loading={q.isFetching}
            snapshot={snapshot.id}
            onSelect={(id) => set({ sel: id })}
            onClose={() => set({ sel: undefined })}
          />
        ) : null}
      </div>
    </div>
  );
}
