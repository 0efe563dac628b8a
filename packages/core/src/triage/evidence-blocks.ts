import type { Evidence } from '../model/finding.ts';
import type { ProbeId } from '../model/probe-id.ts';

/**
 * Typed evidence for a step: each block renders the same in the wizard and in Markdown
 * (see markdown.ts). References (mount subgraph, chart) name what to draw, not pixels, so the
 * UI draws them live from the pinned snapshot and the export links to the same view.
 */
export type EvidenceBlock = LogExcerptBlock | CountsBlock | MountSubgraphBlock | ChartBlock | PeerBlock;

export interface LogExcerptBlock {
  kind: 'log-excerpt';
  title: string;
  probe: ProbeId;
  /** Lines with their 1-based line number in the probe's artifact (0 when derived). */
  lines: { line: number; text: string }[];
  /** How many lines matched in all (the excerpt is capped). */
  total: number;
}

export interface CountsBlock {
  kind: 'counts';
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface MountSubgraphBlock {
  kind: 'mount-subgraph';
  title: string;
  /** Holder key as in the mount graph (`container:<id>`, `ns:<id>`). */
  holder: string;
  label: string;
  copies: number;
  devices: number;
  /** Example copy paths (device -> host path -> copy). */
  examples: { device: string; hostPath?: string; copyPath: string; line: number }[];
}

export interface ChartBlock {
  kind: 'chart';
  title: string;
  metric: string;
  unit: string;
  value?: number;
  threshold?: number;
}

export interface PeerBlock {
  kind: 'peer-comparison';
  title: string;
  rows: { metric: string; label: string; value: number; median: number; ratio?: number; peers: number }[];
}

const EXCERPT_CAP = 8;

/** A log excerpt from a finding's evidence lines of one probe. */
export function excerpt(title: string, evidence: Evidence[], total?: number): LogExcerptBlock[] {
  const byProbe = new Map<ProbeId, Evidence[]>();
  for (const e of evidence) {
    const list = byProbe.get(e.probe) ?? [];
    list.push(e);
    byProbe.set(e.probe, list);
  }
  const out: LogExcerptBlock[] = [];
  for (const [probe, list] of byProbe) {
    out.push({
      kind: 'log-excerpt',
      title: byProbe.size > 1 ? `${title} (${probe})` : title,
      probe,
      lines: list.slice(0, EXCERPT_CAP).map((e) => ({ line: e.line, text: e.text })),
      total: byProbe.size > 1 ? list.length : Math.max(total ?? list.length, list.length),
    });
  }
  return out;
}
