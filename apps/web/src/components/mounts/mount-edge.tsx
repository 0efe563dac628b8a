'use client';
import { BaseEdge, type Edge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';

export type MountEdgeData = { text?: string; labelClass: string };

/**
 * A bezier edge whose label is an HTML element laid out by the browser. React Flow's own SVG
 * label measures itself with getBBox after mounting, one forced layout per label: expanding a
 * group mounted a few hundred of them and spent most of the click there.
 */
export const MountEdgeView = memo(function MountEdgeView(props: EdgeProps<Edge<MountEdgeData>>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const text = props.data?.text;
  return (
    <>
      <BaseEdge id={props.id} path={path} {...(props.style ? { style: props.style } : {})} />
      {text ? (
        <EdgeLabelRenderer>
          <div
            className={`mg-edge-label ${props.data?.labelClass ?? ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

export const edgeTypes = { mount: MountEdgeView };
