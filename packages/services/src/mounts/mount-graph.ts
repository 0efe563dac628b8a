import {
  buildMountModel,
  buildMountView,
  buildNodeState,
  type LineText,
  type MountModel,
  type MountSelection,
  type MountView,
  type MountViewFilters,
  mountRows,
  type ProbeId,
  type RawArtifact,
  renderLeaksCsv,
  renderUmountPlan,
  selectMountNode,
} from '@nodescope/core';
import { mountArtifacts, mountSnapshotRef, type PrismaClient } from '@nodescope/db';

/**
 * The mount graph of a stored snapshot. Snapshots are immutable, so the parsed model is kept
 * per snapshot id (a few at a time: a full-scale one is tens of MB); a request then only
 * groups, filters and lays out, which is what expanding a group or changing a filter costs.
 */

export interface MountGraphInput {
  node: string;
  snapshot?: string;
  expand?: string;
  select?: string;
  filters?: MountViewFilters;
}

export interface MountGraphResult {
  snapshot: { id: string; takenAt: string };
  node: string;
  view: MountView;
  selection: MountSelection | null;
}

interface Entry {
  model: MountModel;
  lineText: LineText;
  takenAt: Date;
}

const CACHE_SIZE = 3;
const PLAN_PREVIEW = 5;
const cache = new Map<string, Promise<Entry>>();

/** Raw artifact lines on demand: line offsets are computed per artifact on first use. */
function lineReader(artifacts: RawArtifact[]): LineText {
  const texts = new Map<ProbeId, string>(artifacts.map((a) => [a.probe, a.text]));
  const starts = new Map<ProbeId, Uint32Array>();
  return (probe, line) => {
    const text = texts.get(probe);
    if (text === undefined) return undefined;
    let s = starts.get(probe);
    if (!s) {
      const list = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) list.push(i + 1);
      s = Uint32Array.from(list);
      starts.set(probe, s);
    }
    if (line < 1 || line > s.length) return undefined;
    const from = s[line - 1] as number;
    const to = line < s.length ? (s[line] as number) - 1 : text.length;
    return text.slice(from, to);
  };
}

async function load(prisma: PrismaClient, snapshotId: bigint, node: string, takenAt: Date): Promise<Entry> {
  const key = String(snapshotId);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const p = (async () => {
    const artifacts = await mountArtifacts(prisma, snapshotId);
    const state = buildNodeState(artifacts, { takenAt: takenAt.toISOString() });
    return { model: buildMountModel(state, { node }), lineText: lineReader(artifacts), takenAt };
  })();
  cache.set(key, p);
  p.catch(() => cache.delete(key));
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return p;
}

async function entryFor(prisma: PrismaClient, node: string, snapshot?: string) {
  const ref = await mountSnapshotRef(prisma, node, snapshot ? BigInt(snapshot) : undefined);
  if (!ref) return null;
  return { ref, entry: await load(prisma, ref.snapshotId, ref.node, ref.takenAt) };
}

/** null when the node or the snapshot is unknown (or the snapshot is another node's). */
export async function mountGraph(
  prisma: PrismaClient,
  input: MountGraphInput,
): Promise<MountGraphResult | null> {
  const found = await entryFor(prisma, input.node, input.snapshot);
  if (!found) return null;
  const { ref, entry } = found;
  const view = buildMountView(entry.model, {
    ...(input.expand ? { expand: input.expand } : {}),
    ...(input.filters ? { filters: input.filters } : {}),
  });
  // The page shows the plan's size and downloads the whole script through mountExport: the
  // payload carries the first commands of each block only (commandTotal says how many).
  view.umountPlan = view.umountPlan.map((g) => ({ ...g, commands: g.commands.slice(0, PLAN_PREVIEW) }));
  return {
    snapshot: { id: String(ref.snapshotId), takenAt: ref.takenAt.toISOString() },
    node: ref.node,
    view,
    selection: input.select ? (selectMountNode(entry.model, input.select, entry.lineText) ?? null) : null,
  };
}

/** The leaks CSV or the umount plan script of a snapshot, as a download. */
export async function mountExport(
  prisma: PrismaClient,
  input: { node: string; snapshot?: string; kind: 'leaks-csv' | 'umount-plan' },
): Promise<{ fileName: string; contentType: string; text: string } | null> {
  const found = await entryFor(prisma, input.node, input.snapshot);
  if (!found) return null;
  const { ref, entry } = found;
  const stamp = ref.takenAt
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  if (input.kind === 'leaks-csv') {
    return {
      fileName: `${ref.node}-${stamp}-mount-leaks.csv`,
      contentType: 'text/csv',
      text: renderLeaksCsv(mountRows(entry.model, { leaksOnly: true })),
    };
  }
  return {
    fileName: `${ref.node}-${stamp}-umount-plan.sh`,
    contentType: 'text/x-shellscript',
    text: renderUmountPlan(entry.model.graph.umountPlan, {
      node: ref.node,
      takenAt: ref.takenAt.toISOString(),
    }),
  };
}
