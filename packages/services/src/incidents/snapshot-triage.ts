import { type AnalysisResult, analyzeArtifacts, type Finding } from '@nodescope/core';
import { nodePeers, type PrismaClient } from '@nodescope/db';
import type { LoadedSnapshot } from './load-snapshot.ts';
import type { EvidenceBlock, TriageReport, TriageStep } from './triage-report.ts';

export interface PeerBlockRow {
  metric: string;
  label: string;
  unit: string;
  value: number | null;
  median: number | null;
  ratio: number | null;
}

/** The snapshot's own numbers against its pool peers' medians, for the peer-comparison block. */
export async function snapshotPeers(prisma: PrismaClient, snap: LoadedSnapshot): Promise<PeerBlockRow[]> {
  const peers = await nodePeers(prisma, snap.nodeName);
  if (!peers) return [];
  return peers.rows
    .map((r) => {
      const value = snap.metrics[r.metric] ?? r.value;
      return {
        metric: r.metric,
        label: r.label,
        unit: r.unit,
        value,
        median: r.median,
        ratio: value !== null && r.median ? value / r.median : null,
      };
    })
    .filter((r) => r.value !== null);
}

function findingBlocks(f: Finding, snapId: string): EvidenceBlock[] {
  const blocks: EvidenceBlock[] = [];
  const byProbe = new Map<string, { line: number; text: string }[]>();
  for (const e of f.evidence) {
    const list = byProbe.get(e.probe) ?? [];
    list.push({ line: e.line, text: e.text });
    byProbe.set(e.probe, list);
  }
  for (const [probe, lines] of byProbe) {
    blocks.push({
      kind: 'log',
      title: `${probe} of snapshot ${snapId}`,
      probe,
      lines,
      total: f.evidenceTotal,
    });
  }
  const nums = Object.entries(f.metrics);
  if (nums.length) blocks.push({ kind: 'counts', title: 'Counts', columns: ['metric', 'value'], rows: nums });
  return blocks;
}

/**
 * Triage of one snapshot, as the report an incident pins. Until the playbook engine is
 * wired in, each finding is a confirmed step with its evidence and the root cause stays open.
 */
export function triageFromAnalysis(
  analysis: AnalysisResult,
  snap: LoadedSnapshot,
  peers: PeerBlockRow[],
): TriageReport {
  const steps: TriageStep[] = analysis.findings.map((f) => ({
    id: f.rule,
    title: f.title,
    question: `Does ${f.rule} hold on this snapshot?`,
    verdict: 'confirmed',
    reason: f.summary,
    evidence: findingBlocks(f, String(snap.id)),
  }));
  if (peers.length && steps[0]) {
    steps[0].evidence.push({ kind: 'peers', title: 'Against pool peers', rows: peers });
  }
  return {
    rootCause: null,
    runs: steps.length ? [{ playbook: 'findings', title: 'Findings', steps, conclusion: null }] : [],
  };
}

export async function triageSnapshot(prisma: PrismaClient, snap: LoadedSnapshot): Promise<TriageReport> {
  const analysis = analyzeArtifacts(snap.artifacts, {
    nodeName: snap.nodeName,
    takenAt: snap.takenAt.toISOString(),
  });
  const peers = await snapshotPeers(prisma, snap);
  return triageFromAnalysis(analysis, snap, peers);
}
