import { describe, expect, it } from 'vitest';
import { buildItems, type FleetRow } from './fleet-types';

const row = (name: string, cluster: string, pool: string, health = 'ok') =>
  ({ name, cluster, pool, health }) as FleetRow;

describe('fleet items', () => {
  const rows = [
    row('a', 'c1', 'p1', 'critical'),
    row('b', 'c1', 'p1'),
    row('c', 'c1', 'p2', 'warning'),
    row('d', 'c2', 'p1'),
  ];
  it('interleaves one header per cluster/pool run with counts', () => {
    const items = buildItems(rows, 'pool');
    expect(items.map((i) => i.key)).toEqual(['g:c1/p1', 'a', 'b', 'g:c1/p2', 'c', 'g:c2/p1', 'd']);
    expect(items[0]).toMatchObject({ kind: 'group', count: 2, critical: 1, warning: 0 });
    expect(items[3]).toMatchObject({ kind: 'group', count: 1, warning: 1 });
  });
  it('groups by cluster only, or not at all', () => {
    expect(buildItems(rows, 'cluster').filter((i) => i.kind === 'group')).toHaveLength(2);
    expect(buildItems(rows, 'none').every((i) => i.kind === 'node')).toBe(true);
  });
});
