'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Age } from '@/components/time';
import { ruleLabel } from '@/lib/rules';
import { useTRPC } from '@/lib/trpc';
import { useUrlState } from '@/lib/use-url-state';
import { SEVERITIES, STATUSES } from './incident-types';
import './incidents.css';

interface Filters {
  status: string[];
  severity: string[];
  node: string;
  rule: string;
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseIncidentFilters(sp: URLSearchParams): Filters {
  const list = (k: string, allowed: readonly string[]) =>
    (sp.get(k) ?? '').split(',').filter((v) => allowed.includes(v));
  const day = (k: string) => (DAY.test(sp.get(k) ?? '') ? (sp.get(k) as string) : '');
  return {
    status: list('status', STATUSES),
    severity: list('severity', SEVERITIES),
    node: (sp.get('node') ?? '').slice(0, 253),
    rule: (sp.get('rule') ?? '').slice(0, 64),
    from: day('from'),
    to: day('to'),
  };
}

export function serialiseIncidentFilters(f: Filters): string {
  const sp = new URLSearchParams();
  if (f.status.length) sp.set('status', f.status.join(','));
  if (f.severity.length) sp.set('severity', f.severity.join(','));
  for (const k of ['node', 'rule', 'from', 'to'] as const) if (f[k]) sp.set(k, f[k]);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

function toggle(list: string[], v: string): string[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

/** `/incidents`: newest first, filtered by status, severity, node, rule and date; the filters live in the URL. */
export function IncidentList() {
  const trpc = useTRPC();
  const [f, set] = useUrlState(parseIncidentFilters, serialiseIncidentFilters);
  const q = useQuery({
    ...trpc.incidents.list.queryOptions({
      ...(f.status.length ? { status: f.status as (typeof STATUSES)[number][] } : {}),
      ...(f.severity.length ? { severity: f.severity as (typeof SEVERITIES)[number][] } : {}),
      ...(f.node ? { node: f.node } : {}),
      ...(f.rule ? { rule: f.rule } : {}),
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
    }),
    placeholderData: (p) => p,
    refetchInterval: 15_000,
  });
  const any = f.status.length || f.severity.length || f.node || f.rule || f.from || f.to;
  return (
    <div className="inc-page">
      <div className="page-head">
        <h1>Incidents</h1>
        <span className="faint">{q.data ? `${q.data.length} shown` : null}</span>
      </div>
      <search className="panel inc-filters">
        <fieldset className="seg" aria-label="Status">
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={f.status.includes(s)}
              onClick={() => set({ status: toggle(f.status, s) })}
            >
              {s}
            </button>
          ))}
        </fieldset>
        <fieldset className="seg" aria-label="Severity">
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={f.severity.includes(s)}
              onClick={() => set({ severity: toggle(f.severity, s) })}
            >
              {s}
            </button>
          ))}
        </fieldset>
        <input
          className="input"
          aria-label="Node"
          placeholder="node"
          value={f.node}
          onChange={(e) => set({ node: e.target.value.trim() })}
        />
        <input
          className="input"
          aria-label="Rule"
          placeholder="rule, e.g. disk-io-errors"
          value={f.rule}
          onChange={(e) => set({ rule: e.target.value.trim() })}
        />
        <label className="row faint">
          from{' '}
          <input
            className="input"
            type="date"
            aria-label="From"
            value={f.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label className="row faint">
          to{' '}
          <input
            className="input"
            type="date"
            aria-label="To"
            value={f.to}
            onChange={(e) => set({ to: e.target.value })}
          />
        </label>
        {any ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => set({ status: [], severity: [], node: '', rule: '', from: '', to: '' })}
          >
            Clear
          </button>
        ) : null}
      </search>
      {q.isError ? (
        <div className="panel error-box" role="alert">
          Could not load incidents: {q.error.message}
        </div>
      ) : !q.data ? (
        <div className="panel loading">Loading incidents…</div>
      ) : q.data.length === 0 ? (
        <div className="panel empty">
          {any
            ? 'No incident matches these filters.'
            : 'No incidents yet. Open one from a node page, a finding or the fleet view.'}
        </div>
      ) : (
        <ul className="inc-list">
          {q.data.map((r) => (
            <li key={r.slug} className="panel" data-slug={r.slug} data-status={r.status}>
              <div className="inc-list-top">
                <span className={`badge sev-${r.severity}`}>{r.severity}</span>
                <span className={`inc-status st-${r.status}`}>{r.status}</span>
                <Link href={`/incidents/${r.slug}`} className="inc-list-title">
                  {r.title}
                </Link>
              </div>
              <div className="inc-list-meta faint">
                <code>{r.slug}</code>
                <span>
                  {r.nodes.map((n) => (
                    <Link key={n} className="chip mono" href={`/nodes/${encodeURIComponent(n)}`}>
                      {n}
                    </Link>
                  ))}
                </span>
                {r.rule ? <span className="chip">{ruleLabel(r.rule)}</span> : null}
                {r.rootCause ? <span>root cause: {r.rootCause}</span> : null}
                <span>
                  opened <Age value={r.createdAt} /> · {r.owner ?? 'unassigned'} · {r.events} acts
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
