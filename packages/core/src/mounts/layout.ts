import type { MountNodeKind, MountViewEdge, MountViewLayout, MountViewNode } from './types.ts';

/**
 * Fixed columns by kind (device | host mount | copies | holder). Within a column nodes follow
 * their parent: sorted by the parent's row, and placed no higher than the parent, so a chain
 * reads as one horizontal line. Deterministic and linear after the sort; general layered
 * layouts (dagre, ELK) take seconds at this size and reorder on every expansion.
 */

export const COLUMNS = ['device', 'host mount', 'copies', 'holder'];
const COLUMN_OF: Record<MountNodeKind, number> = {
  device: 0,
  'host-mount': 1,
  'copy-group': 2,
  copy: 2,
  namespace: 3,
  container: 3,
};
export const NODE_WIDTH = 260;
export const NODE_HEIGHT = 64;
const COLUMN_WIDTH = 340;
const GAP = 14;

type Input = Omit<MountViewNode, 'column' | 'x' | 'y'>;

export function layoutColumns(
  input: (Input & { members?: string[] })[],
  edges: MountViewEdge[],
): { nodes: MountViewNode[]; layout: MountViewLayout } {
  const parents = new Map<string, string[]>();
  for (const e of edges) {
    const l = parents.get(e.to);
    if (l) l.push(e.from);
    else parents.set(e.to, [e.from]);
  }
  const byColumn: Input[][] = [[], [], [], []];
  for (const n of input) {
    const { members: _m, ...rest } = n as Input & { members?: string[]; parent?: string };
    delete (rest as { parent?: string }).parent;
    byColumn[COLUMN_OF[n.kind]]?.push(rest);
  }
  const y = new Map<string, number>();
  const out: MountViewNode[] = [];
  let height = 0;
  byColumn.forEach((col, c) => {
    // The parent's y (the highest one) orders the column; roots order by leak, size, label.
    const parentY = (n: Input): number => {
      let best = Number.POSITIVE_INFINITY;
      for (const p of parents.get(n.id) ?? []) {
        const py = y.get(p);
        if (py !== undefined && py < best) best = py;
      }
      return best;
    };
    const keyed = col.map((n) => ({ n, py: parentY(n) }));
    keyed.sort(
      (a, b) =>
        (a.py === b.py ? 0 : a.py < b.py ? -1 : 1) ||
        Number(b.n.leak) - Number(a.n.leak) ||
        b.n.leakCount - a.n.leakCount ||
        b.n.count - a.n.count ||
        (a.n.id < b.n.id ? -1 : a.n.id > b.n.id ? 1 : 0),
    );
    let cursor = 0;
    for (const { n, py } of keyed) {
      const top = Number.isFinite(py) ? Math.max(cursor, py) : cursor;
      y.set(n.id, top);
      out.push({ ...n, column: c, x: c * COLUMN_WIDTH, y: top });
      cursor = top + NODE_HEIGHT + GAP;
    }
    height = Math.max(height, cursor);
  });
  return {
    nodes: out,
    layout: {
      columns: COLUMNS,
      columnWidth: COLUMN_WIDTH,
      nodeWidth: NODE_WIDTH,
      nodeHeight: NODE_HEIGHT,
      width: COLUMN_WIDTH * 3 + NODE_WIDTH,
      height,
    },
  };
}
