// Collector benchmark: full snapshots (every probe of the catalogue) of 1,000 simulated nodes
// over real SSH, parsed, analyzed and stored in PostgreSQL by one worker; then, in the same run,
// the OpenSSH client (`ssh` under `xargs -P 32`, ControlMaster off) running the same probes
// against the same fleet. The simulator runs in its own process so CPU figures are the worker's.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROBE_IDS, probeCommand } from '@nodescope/core';
import {
  disconnectAll,
  freePort,
  getPrisma,
  migrate,
  startEmbeddedPostgres,
  upsertNodes,
} from '@nodescope/db';
import { ingestSnapshot } from '@nodescope/services/snapshots/ingest-snapshot';
import { generateArtifacts, mixFleet } from '@nodescope/simulator';
import { startWorker } from '../src/service/worker.ts';
import { fmt, verdict } from './bench-util.ts';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const BASELINE_NODES = Number(process.env.BENCH_BASELINE_NODES ?? 100);
const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../bin/nodescope.mjs');

interface InventoryEntry {
  name: string;
  host: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
  labels: Record<string, string>;
}

async function startSimulator(dir: string): Promise<{ child: ChildProcess; inventory: InventoryEntry[] }> {
  const inv = path.join(dir, 'inventory.json');
  const child = spawn(
    process.execPath,
    [
      bin,
      'simulate',
      '--nodes',
      String(NODES),
      '--mix',
      'healthy',
      '--inventory',
      inv,
      '--state-dir',
      path.join(dir, 'sim'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 120_000;
  while (!existsSync(inv)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('simulator did not write its inventory');
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 300));
  return { child, inventory: JSON.parse(readFileSync(inv, 'utf8')) as InventoryEntry[] };
}

async function ours(dir: string, inventory: InventoryEntry[]) {
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
  try {
    await migrate(pg.url);
    const prisma = getPrisma(pg.url);
    await upsertNodes(
      prisma,
      inventory.map((e) => ({ ...e, intervalSec: 3600 })),
    );
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const worker = await startWorker({ databaseUrl: pg.url, concurrency: 48, tickMs: 100 });
    await worker.idle();
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    await worker.stop();
    const [snaps, complete, states] = await Promise.all([
      prisma.snapshot.count(),
      prisma.snapshot.count({ where: { status: 'complete' } }),
      prisma.node.groupBy({ by: ['lastState', 'lastError'], _count: true }),
    ]);
    for (const s of states) {
      if (s.lastState !== 'ok')
        console.log(`  ${s._count} nodes ${s.lastState}: ${(s.lastError ?? '').slice(0, 160)}`);
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const ingest = await ingestOnly(prisma);
    await disconnectAll();
    return {
      ingestOnly: ingest,
      wallS,
      cpuS: (cpu.user + cpu.system) / 1e6,
      snapshots: snaps,
      complete,
      ingestPerS: snaps / wallS,
      peakRssMb,
    };
  } finally {
    await pg.stop();
  }
}

/**
 * Ingest capacity on its own: parse, analyze and store already-collected snapshots (what the
 * worker does after SSH), 8 at a time, so SSH and the simulator's CPU are out of the figure.
 */
async function ingestOnly(prisma: ReturnType<typeof getPrisma>) {
  const N = 400;
  const specs = mixFleet(N, 'healthy');
  const nodes = await prisma.node.findMany({ take: N, orderBy: { id: 'asc' } });
  const at = new Date();
  const jobs = specs.map((spec, i) => ({
    node: nodes[i % nodes.length]!,
    artifacts: generateArtifacts(spec, at),
  }));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        await ingestSnapshot(prisma, {
          node: job.node,
          takenAt: new Date(at.getTime() + next),
          status: 'complete',
          durationMs: 0,
          artifacts: job.artifacts,
          source: 'ssh',
        });
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  return { snapshots: N, seconds: s, perS: N / s };
}

/** The same probes, one `ssh` per probe, 32 in parallel: what a shell script would do. */
function baseline(dir: string, inventory: InventoryEntry[]) {
  const sample = inventory.slice(0, BASELINE_NODES);
  const first = sample[0]!;
  for (const id of PROBE_IDS) writeFileSync(path.join(dir, `cmd-${id}`), probeCommand(id));
  writeFileSync(
    path.join(dir, 'run-one.sh'),
    [
      'port=$1; probe=$2',
      `exec ssh -q -o BatchMode=yes -o ControlMaster=no -o ControlPath=none -o StrictHostKeyChecking=yes \\`,
      `  -o UserKnownHostsFile=${first.knownHostsFile} -i ${first.identityFile} -p "$port" ${first.user}@127.0.0.1 \\`,
      `  "$(cat ${dir}/cmd-$probe)" > /dev/null`,
    ].join('\n'),
  );
  const jobs = sample.flatMap((n) => PROBE_IDS.map((p) => `${n.port} ${p}`)).join('\n');
  writeFileSync(path.join(dir, 'jobs'), `${jobs}\n`);
  const t0 = performance.now();
  const res = spawnSync('sh', ['-c', `xargs -P 32 -n 2 sh ${dir}/run-one.sh < ${dir}/jobs`], {
    stdio: 'inherit',
  });
  const wallS = (performance.now() - t0) / 1000;
  return {
    nodes: sample.length,
    wallS,
    exit: res.status,
    estFullS: (wallS * inventory.length) / sample.length,
  };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-collect-bench-'));
  chmodSync(dir, 0o755); // as root the embedded PostgreSQL runs as "postgres"
  let sim: ChildProcess | undefined;
  try {
    const started = await startSimulator(dir);
    sim = started.child;
    const o = await ours(dir, started.inventory);
    const b = baseline(dir, started.inventory);
    const speedup = b.estFullS / o.wallS;
    console.log(
      `collector: ${fmt(o.snapshots, 0)} full snapshots of ${NODES} nodes in ${fmt(o.wallS)} s (target < 60: ${verdict(o.wallS < 60)}), ` +
        `worker CPU ${fmt(o.cpuS)} s, peak RSS ${fmt(o.peakRssMb, 0)} MB (target < 1024: ${verdict(o.peakRssMb < 1024)}), ` +
        `end-to-end ${fmt(o.ingestPerS)} snapshots/s`,
    );
    console.log(
      `collector: ingest alone (parse + analyze + store, 8 in flight) ${fmt(o.ingestOnly.perS)} snapshots/s over ${o.ingestOnly.snapshots} (target >= 50: ${verdict(o.ingestOnly.perS >= 50)})`,
    );
    console.log(
      `collector: OpenSSH baseline (ssh, xargs -P 32, ControlMaster off) ${b.nodes} nodes x ${PROBE_IDS.length} probes in ${fmt(b.wallS)} s, ` +
        `${fmt(b.estFullS)} s extrapolated to ${NODES} nodes; ours is ${fmt(speedup, 2)}x faster (target >= 3: ${verdict(speedup >= 3)})`,
    );
    console.log(JSON.stringify({ bench: 'collector', nodes: NODES, ours: o, baseline: b, speedup }));
  } finally {
    sim?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
