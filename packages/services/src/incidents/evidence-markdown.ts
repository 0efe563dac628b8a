import { renderBlockMarkdown } from '@nodescope/core';
import type { EvidenceBlock } from './triage-report.ts';

export interface EvidenceContext {
  snapshotId: string;
  nodeName: string;
  /** Absolute origin for links, e.g. https://nodescope.example; '' for relative links. */
  origin: string;
  redact: (s: string) => string;
}

/** Where a line of a pinned snapshot opens: the artifact view at that line. */
export function lineHref(origin: string, snapshotId: string, probe: string, line: number): string {
  return `${origin}/snapshots/${snapshotId}?probe=${encodeURIComponent(probe)}#L${line}`;
}

/** Where a mount subgraph or chart block opens, for the pinned snapshot. */
export function viewHref(
  origin: string,
  nodeName: string,
  snapshotId: string,
  b: EvidenceBlock,
): string | undefined {
  const node = encodeURIComponent(nodeName);
  if (b.kind === 'mount-subgraph')
    return `${origin}/nodes/${node}/mounts?snapshot=${snapshotId}&holder=${encodeURIComponent(b.holder)}`;
  if (b.kind === 'chart') return `${origin}/nodes/${node}?metric=${encodeURIComponent(b.metric)}`;
  return undefined;
}

/** One typed evidence block as Markdown, by the engine's renderer (the wizard shows the same). */
export function evidenceMarkdown(b: EvidenceBlock, ctx: EvidenceContext): string {
  const md = renderBlockMarkdown(b, {
    lineHref: (probe, line) => lineHref(ctx.origin, ctx.snapshotId, probe, line),
    viewHref: (block) => viewHref(ctx.origin, ctx.nodeName, ctx.snapshotId, block),
  });
  return ctx.redact(md);
}
