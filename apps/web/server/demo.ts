import path from 'node:path';
import type { PrismaClient } from '@nodescope/db';
import { makeDueNow } from '@nodescope/services/collection/collect-now';
import { addNodes } from '@nodescope/services/nodes/inventory-changes';
import { backfillHistory } from '@nodescope/services/snapshots/backfill-history';
import { backfillTimes, demoFleet, generateArtifacts, startFleet } from '@nodescope/simulator';

export interface DemoHandle {
  nodes: number;
  stop(): Promise<void>;
  /** Resolves when the history backfill is written. */
  backfilled: Promise<number>;
}

export interface DemoOptions {
  dataDir: string;
  basePort?: number;
  intervalSec: number;
  backfillDays: number;
  backfillIntervalMin: number;
  log: (line: string) => void;
}

/**
 * The demo fleet: simulated nodes on loopback SSH ports (real ssh2 servers, persistent host
 * keys in the data folder), registered in the inventory like any real node, plus a few days
 * of history on first start so the trend charts have shape.
 */
export async function startDemo(prisma: PrismaClient, opts: DemoOptions): Promise<DemoHandle> {
  // The incidents reach their write-up figures now and develop over the backfilled history.
  const specs = demoFleet({ now: new Date(), historyMs: opts.backfillDays * 24 * 3_600_000 });
  const fleet = await startFleet({
    nodes: specs,
    stateDir: path.join(opts.dataDir, 'demo-fleet'),
    ...(opts.basePort ? { basePort: opts.basePort } : {}),
  });
  await addNodes(
    prisma,
    fleet.inventory.map((e) => ({ ...e, intervalSec: opts.intervalSec })),
  );
  // A changed port must not leave the node "due later": collect the demo right away.
  await makeDueNow(
    prisma,
    fleet.inventory.map((e) => e.name),
  );
  const backfilled = backfill(prisma, specs, opts).catch((err) => {
    opts.log(`demo backfill failed: ${(err as Error).message}`);
    return 0;
  });
  return { nodes: fleet.inventory.length, stop: () => fleet.stop(), backfilled };
}

async function backfill(
  prisma: PrismaClient,
  specs: ReturnType<typeof demoFleet>,
  opts: DemoOptions,
): Promise<number> {
  if (opts.backfillDays <= 0) return 0;
  const times = backfillTimes(opts.backfillDays, opts.backfillIntervalMin, new Date(Date.now() - 60_000));
  let stored = 0;
  // Incident nodes first: their history is the story the charts tell.
  const ordered = [...specs].sort(
    (a, b) => Number(a.scenario === 'healthy') - Number(b.scenario === 'healthy'),
  );
  for (const spec of ordered) {
    // A node with an SSH fault (refused host key…) has no history: it never answered.
    if (spec.faults?.length) continue;
    stored += await backfillHistory(prisma, spec.name, times, (at) => generateArtifacts(spec, at), opts.log);
  }
  if (stored) opts.log(`demo history: ${stored} snapshots backfilled over ${opts.backfillDays} days`);
  return stored;
}
