/**
 * Starts 1,000 simulated nodes in this process, runs real SSH sessions with one probe exec
 * against a sample of them, and prints memory and timing figures as JSON.
 *   npx tsx packages/simulator/bench/fleet-memory.ts [nodes] [sample]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeCommand } from '@nodescope/core';
import { startFleet } from '../src/fleet/start-fleet.ts';
import { generateArtifacts } from '../src/generate/generate.ts';
import { mixFleet } from '../src/fleet/fleet-specs.ts';
import { sshExec } from '../src/test-support/ssh-exec.ts';

const nodes = Number(process.argv[2] ?? 1000);
const sample = Number(process.argv[3] ?? 100);
const mb = (n: number) => Math.round(n / 1024 / 1024);
const dir = mkdtempSync(join(tmpdir(), 'nodescope-bench-'));
const rssStart = process.memoryUsage().rss;
const t0 = performance.now();
const fleet = await startFleet({ nodes: mixFleet(nodes, 'demo'), stateDir: dir });
const startMs = performance.now() - t0;
const rssIdle = process.memoryUsage().rss;

const targets = fleet.inventory
  .filter((_, i) => i % Math.max(1, Math.floor(nodes / sample)) === 0)
  .slice(0, sample);
const probes = ['system', 'processes', 'mountinfo', 'psi'] as const;
let peak = rssIdle;
let bytes = 0;
const t1 = performance.now();
const queue = [...targets];
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (let e = queue.shift(); e; e = queue.shift()) {
      const probe = probes[bytes % probes.length] as (typeof probes)[number];
      const r = await sshExec(e, probeCommand(probe));
      if (r.dropped || r.code === null) throw new Error(`${e.name} ${probe}: exit ${r.code}`);
      bytes += r.stdout.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  }),
);
const sessionsMs = performance.now() - t1;

const healthy = { name: 'bench-healthy', scenario: 'healthy' } as const;
for (let i = 0; i < 20; i++) generateArtifacts(healthy, new Date());
let t2 = performance.now();
for (let i = 0; i < 200; i++) generateArtifacts(healthy, new Date(Date.now() + i * 300_000));
const healthyMs = (performance.now() - t2) / 200;
t2 = performance.now();
generateArtifacts({ name: 'bench-leak', scenario: 'mount-leak' }, new Date('2026-11-22T10:00:00Z'));
const mountLeakMs = performance.now() - t2;
peak = Math.max(peak, process.memoryUsage().rss);

await fleet.stop();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      nodes,
      sampleSessions: targets.length,
      fleetStartMs: Math.round(startMs),
      rssStartMb: mb(rssStart),
      rssIdleMb: mb(rssIdle),
      rssPeakMb: mb(peak),
      sessionsMs: Math.round(sessionsMs),
      sessionsPerSec: Math.round((targets.length / sessionsMs) * 1000),
      bytesReceived: bytes,
      healthySnapshotMs: Number(healthyMs.toFixed(2)),
      mountLeakFullSnapshotMs: Math.round(mountLeakMs),
    },
    null,
    2,
  ),
);
