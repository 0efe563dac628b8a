'use client';
import { useQuery } from '@tanstack/react-query';
import { fleetParamsToSearch, parseFleetParams } from '@/lib/fleet-params';
import { useTRPC } from '@/lib/trpc';
import { NARROW_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { useUrlState } from '@/lib/use-url-state';
import { Age } from '../time';
import { FleetCards } from './fleet-cards';
import { FleetFilters } from './fleet-filters';
import { FleetSummary } from './fleet-summary';
import { FleetTable } from './fleet-table';
import './fleet.css';

const REFRESH_MS = 5_000;

/** The fleet page: which nodes are sick, how sick, since when, compared with their pool. */
export function FleetView() {
  const trpc = useTRPC();
  const [params, set] = useUrlState(parseFleetParams, fleetParamsToSearch);
  const { q, severity, rule, label, cluster, pool, state, sort, dir, group } = params;
  const query = useQuery({
    ...trpc.fleet.list.queryOptions({ q, severity, rule, label, cluster, pool, state, sort, dir, group }),
    refetchInterval: REFRESH_MS,
    // Keep showing the previous rows while a new filter loads: no flash, no lost scroll.
    placeholderData: (prev) => prev,
  });
  const data = query.data;
  // A phone gets cards: the grid's dozen columns cannot fit 390 px without sideways scrolling.
  const narrow = useMediaQuery(NARROW_QUERY);
  return (
    <div className="fleet">
      <div className="page-head">
        <h1>Fleet</h1>
        <span className="faint">
          {data ? (
            <>
              updated <Age value={data.generatedAt} /> · refreshes every {REFRESH_MS / 1000}s
            </>
          ) : null}
          {query.isFetching ? <span className="spinner" title="refreshing" /> : null}
        </span>
        {query.isError && data ? (
          <span className="badge sev-critical">refresh failed: {query.error.message}</span>
        ) : null}
        <span className="grow" />
        <span className="faint kbd-hint">
          <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open
        </span>
      </div>
      {data ? (
        <FleetSummary facets={data.facets} shown={data.rows.length} />
      ) : (
        <div className="summary skeleton" style={{ height: 58 }} />
      )}
      <FleetFilters params={params} set={set} facets={data?.facets} />
      {data ? (
        data.facets.total === 0 ? (
          <div className="panel empty">
            <h2>No nodes yet</h2>
            <p className="muted">Add nodes to the inventory, or upload a bundle from nodescope-collect.sh.</p>
          </div>
        ) : narrow ? (
          <FleetCards data={data} params={params} />
        ) : (
          <FleetTable data={data} params={params} set={set} />
        )
      ) : query.isError ? (
        <div className="panel error-box" role="alert">
          Could not load the fleet: {query.error.message}
        </div>
      ) : (
        <div className="panel loading">Loading fleet…</div>
      )}
    </div>
  );
}
