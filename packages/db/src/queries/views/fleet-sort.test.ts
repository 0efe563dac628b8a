import { describe, expect, it } from 'vitest';
import { type SortableFleetRow, sortFleetRows } from './fleet-sort.ts';

function row(name: string, over: Partial<SortableFleetRow> = {}): SortableFleetRow {
  return {
    name,
    cluster: 'c1',
    pool: 'p1',
    health: 'ok',
    lastState: 'ok',
    lastSnapshotAt: '2026-11-22T10:00:00.000Z',
    kernelRelease: '5.15.0',
    kubeletVersion: 'v1.28.9',
    metrics: {},
    findings: [],
    outliers: [],
    ...over,
  };
}

const names = (rows: SortableFleetRow[]) => rows.map((r) => r.name);

describe('fleet sort', () => {
  it('puts the sickest first by default direction and breaks ties by name (numeric)', () => {
    const rows = [row('n10'), row('n2', { health: 'critical' }), row('n1'), row('n3', { health: 'warning' })];
    expect(names(sortFleetRows(rows, 'health', 'desc', 'none'))).toEqual(['n2', 'n3', 'n1', 'n10']);
  });
  it('sorts by a metric with missing values last in both directions', () => {
    const rows = [row('a', { metrics: { x: 5 } }), row('b'), row('c', { metrics: { x: 50 } })];
    expect(names(sortFleetRows(rows, 'm:x', 'desc', 'none'))).toEqual(['c', 'a', 'b']);
    expect(names(sortFleetRows(rows, 'm:x', 'asc', 'none'))).toEqual(['a', 'c', 'b']);
  });
  it('keeps groups together', () => {
    const rows = [
      row('a', { pool: 'p2', health: 'critical' }),
      row('b', { pool: 'p1' }),
      row('c', { cluster: 'c0' }),
    ];
    expect(names(sortFleetRows(rows, 'health', 'desc', 'pool'))).toEqual(['c', 'b', 'a']);
  });
  it('sorts by outlier ratio and by last snapshot age', () => {
    const rows = [
      row('a', { outliers: [{ metric: 'm', ratio: 3 }], lastSnapshotAt: '2026-11-22T09:00:00.000Z' }),
      row('b', { outliers: [{ metric: 'm', ratio: 75.7 }], lastSnapshotAt: null }),
      row('c'),
    ];
    expect(names(sortFleetRows(rows, 'outlier', 'desc', 'none'))).toEqual(['b', 'a', 'c']);
    // Oldest snapshot first when descending by age; never-collected last.
    expect(names(sortFleetRows(rows, 'age', 'desc', 'none'))).toEqual(['a', 'c', 'b']);
  });
});
