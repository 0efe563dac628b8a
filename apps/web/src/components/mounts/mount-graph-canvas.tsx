'use client';
import '@xyflow/react/dist/style.css';
import {
  Background,
  type Edge,
  Handle,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import { type KeyboardEvent, memo, useEffect, useMemo } from 'react';
import { chainOf } from './mount-chain';
import { edgeTypes, type MountEdgeData } from './mount-edge';
import { BADGE_LABEL, fmt, KIND_LABEL, type MountEdge, type MountNode, type MountView } from './types';

/** Keyboard neighbours of a node: the one above and below in its column, its parent and its child. */
type Near = { up?: string; down?: string; left?: string; right?: string };
type Data = {
  n: MountNode;
  dim: boolean;
  selected: boolean;
  expanded: boolean;
  near: Near;
  onPick: (n: MountNode) => void;
};

const KEY_DIR: Record<string, keyof Near> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

function neighbours(view: MountView): Map<string, Near> {
  const out = new Map<string, Near>(view.nodes.map((n) => [n.id, {}]));
  const cols = new Map<number, MountNode[]>();
  for (const n of view.nodes) (cols.get(n.column) ?? cols.set(n.column, []).get(n.column))?.push(n);
  for (const col of cols.values()) {
    col.sort((a, b) => a.y - b.y);
    col.forEach((n, i) => {
      const near = out.get(n.id) as Near;
      if (i > 0) near.up = (col[i - 1] as MountNode).id;
      if (i < col.length - 1) near.down = (col[i + 1] as MountNode).id;
    });
  }
  for (const e of view.edges) {
    const a = out.get(e.from);
    const b = out.get(e.to);
    if (a && !a.right) a.right = e.to;
    if (b && !b.left) b.left = e.from;
  }
  return out;
}

const MountNodeCard = memo(function MountNodeCard({ data }: NodeProps<Node<Data>>) {
  const { n, dim, selected, expanded, near, onPick } = data;
  const rf = useReactFlow();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick(n);
      return;
    }
    const to = near[KEY_DIR[e.key] as keyof Near];
    if (!KEY_DIR[e.key] || !to) return;
    e.preventDefault();
    const target = rf.getNode(to);
    if (target) rf.setCenter(target.position.x + 130, target.position.y + 32, { zoom: rf.getZoom() });
    // Only nodes in view are rendered: focus once the pan has drawn the target. The pane is
    // panned, not scrolled, so the browser must not scroll it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>(`[data-testid="mount-node"][data-id="${CSS.escape(to)}"]`)
          ?.focus({ preventScroll: true }),
      ),
    );
  };
  const cls = [
    'mg-node',
    `mg-${n.kind}`,
    n.leak ? 'mg-leak' : '',
    dim ? 'mg-dim' : '',
    selected ? 'mg-selected' : '',
    expanded ? 'mg-expanded' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const many = n.count > 1 || n.expandable;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a card holding React Flow's handle divs, which a <button> may not contain
    <div
      className={cls}
      data-testid="mount-node"
      data-id={n.id}
      data-kind={n.kind}
      data-count={n.count}
      title={n.label}
      role="button"
      tabIndex={0}
      aria-label={`${KIND_LABEL[n.kind]}: ${n.count > 1 ? `${fmt(n.count)} ` : ''}${n.label}${n.state ? `, ${n.state}` : ''}${n.leak ? `, ${fmt(n.leakCount)} leaked` : ''}${n.expandable ? (expanded ? ', expanded' : ', press Enter to expand') : ''}`}
      aria-pressed={selected}
      onKeyDown={onKeyDown}
    >
      <Handle type="target" position={Position.Left} />
      <div className="mg-top">
        <span className="mg-kind">{KIND_LABEL[n.kind]}</span>
        {many ? <span className="mg-count">{fmt(n.count)}</span> : null}
        {n.state ? <span className={`mg-state mg-state-${stateClass(n.state)}`}>{n.state}</span> : null}
        {n.expandable ? <span className="mg-expand">{expanded ? '−' : '+'}</span> : null}
      </div>
      {/* bdi: the right-to-left ellipsis (to keep a path's end) must not move its leading slash. */}
      <div className="mg-label">
        <bdi dir="ltr">{n.label}</bdi>
      </div>
      <div className="mg-sub">
        {n.leak && n.leakCount > 0 ? <span className="mg-leakcount">{fmt(n.leakCount)} leaked</span> : null}
        {n.badges
          ? Object.entries(n.badges).map(([b, c]) => (
              <span key={b} className="mg-badge">
                {BADGE_LABEL[b] ?? b}
                {n.count > 1 ? ` ${fmt(c)}` : ''}
              </span>
            ))
          : null}
        {!n.badges && !(n.leak && n.leakCount > 0) && n.detail ? (
          <span className="mg-detail">{n.detail}</span>
        ) : null}
      </div>
      {n.hidden ? (
        <div className="mg-hidden">{fmt(n.hidden)} more not drawn: search or filter to narrow</div>
      ) : null}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

export function stateClass(state: string): string {
  if (/removal|dead/i.test(state)) return 'dead';
  if (/running/i.test(state)) return 'running';
  if (/exited|created/i.test(state)) return 'exited';
  return 'other';
}

const nodeTypes = { mount: MountNodeCard };
const SSR_WIDTH = 1280;
const SSR_HEIGHT = 560;
/** Where the graph opens: the top of the columns, where the leak chains are (leaks sort first). */
const START = { x: 16, y: 36, zoom: 0.8 };

/** The cards inside the opening view of the nominal size: all the server needs to draw. */
function inFirstView(n: Node<Data>): boolean {
  return n.position.x * START.zoom + START.x < SSR_WIDTH && n.position.y * START.zoom + START.y < SSR_HEIGHT;
}

function FitOnChange({ k }: { k: string }) {
  const rf = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when the drawn set changes
  useEffect(() => {
    const t = setTimeout(() => rf.setViewport(START), 30);
    return () => clearTimeout(t);
  }, [k]);
  return null;
}

export function MountGraphCanvas({
  view,
  selected,
  onNodeClick,
}: {
  view: MountView;
  selected?: string;
  onNodeClick: (n: MountNode) => void;
}) {
  const chain = useMemo(() => chainOf(selected, view.edges), [selected, view.edges]);
  const near = useMemo(() => neighbours(view), [view]);
  const nodes = useMemo<Node<Data>[]>(
    () =>
      view.nodes.map((n) => ({
        id: n.id,
        type: 'mount',
        position: { x: n.x, y: n.y },
        data: {
          n,
          dim: chain.size > 0 && !chain.has(n.id),
          selected: n.id === selected,
          expanded: n.id === view.expanded,
          near: near.get(n.id) ?? {},
          onPick: onNodeClick,
        },
        draggable: false,
        connectable: false,
        width: view.layout.nodeWidth,
        height: view.layout.nodeHeight,
      })),
    [view, chain, selected, near, onNodeClick],
  );
  // Read once, by the server's render and the hydration that must match it; React Flow takes the
  // whole graph from the props right after. Only what the first view shows: drawing every card on
  // the server cost each page request as much as the graph itself.
  const firstNodes = useMemo(() => nodes.filter(inFirstView), [nodes]);
  const edges = useMemo<Edge<MountEdgeData>[]>(() => {
    // One label per fan-out: the gap between two columns holds one, and each card's detail
    // already names its own propagation. Single-mount edges go unlabelled when a source fans out.
    const fanOut = new Map<string, number>();
    for (const e of view.edges) fanOut.set(e.from, (fanOut.get(e.from) ?? 0) + 1);
    const labelled = new Set<string>();
    const keep = (e: MountEdge): boolean => {
      if ((fanOut.get(e.from) ?? 0) <= 1) return true;
      if (labelled.has(e.from)) return false;
      labelled.add(e.from);
      return e.count > 1;
    };
    return view.edges.map((e): Edge<MountEdgeData> => {
      const lit = chain.size > 0 && chain.has(e.from) && chain.has(e.to);
      const dim = chain.size > 0 && !lit;
      const text = !keep(e)
        ? undefined
        : e.kind === 'holds' || e.kind === 'mount'
          ? e.count > 1
            ? fmt(e.count)
            : undefined
          : `${e.label ?? e.kind}${e.count > 1 ? ` ×${fmt(e.count)}` : ''}`;
      const state = `${e.leak ? ' mg-edge-leak' : ''}${dim ? ' mg-dim' : ''}${lit ? ' mg-lit' : ''}`;
      return {
        id: `${e.from}>${e.to}>${e.kind}`,
        type: 'mount',
        source: e.from,
        target: e.to,
        data: { ...(text ? { text } : {}), labelClass: state },
        className: `mg-edge mg-edge-${e.kind}${state}`,
        focusable: false,
      };
    });
  }, [view.edges, chain]);
  return (
    <div className="mg-canvas" data-testid="mount-graph">
      <div className="mg-columns" aria-hidden>
        {view.layout.columns.map((c) => (
          <span key={c}>{c}</span>
        ))}
      </div>
      {/* Initial nodes and a nominal size let React Flow draw the first view's cards in the
          server's HTML (it measures the real size after hydration), so they show before the
          scripts run. */}
      <ReactFlowProvider initialNodes={firstNodes} initialWidth={SSR_WIDTH} initialHeight={SSR_HEIGHT}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodeClick={(_, n) => onNodeClick((n.data as Data).n)}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable={false}
          onlyRenderVisibleElements
          minZoom={0.05}
          maxZoom={1.5}
          proOptions={{ hideAttribution: true }}
          defaultViewport={START}
        >
          <Background gap={24} size={1} />
          <FitOnChange k={`${view.expanded ?? ''}|${view.nodes.length}`} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
