/**
 * Fleet view state <-> URL search params, so a copied URL shows the same view.
 * Lists are comma-separated: ?severity=critical,warning&rule=mount-propagation-leak
 */
export interface FleetParams {
  q: string;
  severity: string[];
  rule: string[];
  label: string[];
  cluster: string[];
  pool: string[];
  state: string[];
  sort: string;
  dir: 'asc' | 'desc';
  group: 'none' | 'cluster' | 'pool';
}

export const DEFAULT_FLEET_PARAMS: FleetParams = {
  q: '',
  severity: [],
  rule: [],
  label: [],
  cluster: [],
  pool: [],
  state: [],
  sort: 'health',
  dir: 'desc',
  group: 'pool',
};

const LIST_KEYS = ['severity', 'rule', 'label', 'cluster', 'pool', 'state'] as const;

function list(v: string | null): string[] {
  if (!v) return [];
  return [
    ...new Set(
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function parseFleetParams(sp: URLSearchParams): FleetParams {
  const dir = sp.get('dir');
  const group = sp.get('group');
  const out: FleetParams = {
    ...DEFAULT_FLEET_PARAMS,
    q: sp.get('q') ?? '',
    sort: sp.get('sort') || DEFAULT_FLEET_PARAMS.sort,
    dir: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_FLEET_PARAMS.dir,
    group: group === 'none' || group === 'cluster' || group === 'pool' ? group : DEFAULT_FLEET_PARAMS.group,
  };
  for (const k of LIST_KEYS) out[k] = list(sp.get(k));
  return out;
}

/** Only non-default values go into the URL, in a stable order. */
export function fleetParamsToSearch(p: FleetParams): string {
  const sp = new URLSearchParams();
  if (p.q) sp.set('q', p.q);
  for (const k of LIST_KEYS) if (p[k].length) sp.set(k, p[k].join(','));
  if (p.sort !== DEFAULT_FLEET_PARAMS.sort) sp.set('sort', p.sort);
  if (p.dir !== DEFAULT_FLEET_PARAMS.dir) sp.set('dir', p.dir);
  if (p.group !== DEFAULT_FLEET_PARAMS.group) sp.set('group', p.group);
  // Commas and colons are legal in a query string and keep shared URLs readable.
  const s = sp.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return s ? `?${s}` : '';
}

export function toggle(xs: string[], x: string): string[] {
  return xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x];
}

/** Clicking the sorted column flips the direction; a new column starts descending (worst first). */
export function nextSort(p: FleetParams, key: string): Pick<FleetParams, 'sort' | 'dir'> {
  if (p.sort === key) return { sort: key, dir: p.dir === 'desc' ? 'asc' : 'desc' };
  return { sort: key, dir: key === 'name' || key === 'kernel' || key === 'kubelet' ? 'asc' : 'desc' };
}
