/** Ids upstream and downstream of one node: selecting a device lights its whole chain. */
export function chainOf(id: string | undefined, edges: { from: string; to: string }[]): Set<string> {
  const out = new Set<string>();
  if (!id) return out;
  const down = new Map<string, string[]>();
  const up = new Map<string, string[]>();
  for (const e of edges) {
    (down.get(e.from) ?? down.set(e.from, []).get(e.from))?.push(e.to);
    (up.get(e.to) ?? up.set(e.to, []).get(e.to))?.push(e.from);
  }
  const walk = (start: string, next: Map<string, string[]>) => {
    const stack = [start];
    while (stack.length) {
      const n = stack.pop() as string;
      for (const m of next.get(n) ?? [])
        if (!out.has(m)) {
          out.add(m);
          stack.push(m);
        }
    }
  };
  out.add(id);
  walk(id, down);
  walk(id, up);
  return out;
}
