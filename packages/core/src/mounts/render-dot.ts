import { fmt } from './labels.ts';
import type { MountView, MountViewNode } from './types.ts';

/** Graphviz: one rank per column (the same fixed columns as the page), leaks in red. */

function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const SHAPE: Record<MountViewNode['kind'], string> = {
  device: 'cylinder',
  'host-mount': 'folder',
  'copy-group': 'box3d',
  copy: 'note',
  namespace: 'component',
  container: 'component',
};

export function renderMountDot(view: MountView): string {
  const lines = ['digraph mounts {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];'];
  for (let c = 0; c < 4; c++) {
    const ids = view.nodes.filter((n) => n.column === c);
    if (ids.length === 0) continue;
    lines.push(`  { rank=same; ${ids.map((n) => q(n.id)).join('; ')}; }`);
  }
  for (const n of view.nodes) {
    const label = `${n.count > 1 ? `${fmt(n.count)} ` : ''}${n.label}${n.state ? `\\n${n.state}` : ''}${n.detail ? `\\n${n.detail}` : ''}`;
    const color = n.leak ? ', color="#c0392b", fontcolor="#c0392b", penwidth=2' : '';
    lines.push(`  ${q(n.id)} [shape=${SHAPE[n.kind]}, label=${q(label).replace(/\\\\n/g, '\\n')}${color}];`);
  }
  for (const e of view.edges) {
    const label =
      e.kind === 'holds' || e.kind === 'mount' ? fmt(e.count) : `${e.label ?? e.kind} ×${fmt(e.count)}`;
    const style = e.kind === 'master' ? ', style=dashed' : e.kind === 'private' ? ', style=dotted' : '';
    const color = e.leak ? ', color="#c0392b"' : '';
    lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(label)}${style}${color}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
