/**
 * Web read-path benchmark: 5,000 nodes with 30 days of hourly metrics (12 key metrics, about
 * 43 million samples), generated in SQL, in a fresh database on its own embedded PostgreSQL.
 * Measures the fleet procedure (target p95 < 150 ms) and one node's 30-day trends (< 200 ms)
 * through the real tRPC router, and prints JSON.
 *
 *   npx tsx apps/web/bench/web-bench.ts [--nodes 5000] [--days 30] [--runs 30] [--keep DIR] [--browser]
 *
 * --browser also serves the built UI (`next build apps/web` first) against that database and
 * measures, in Debian's Chromium, how long the fleet page takes to show its first rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appRouter, fleetListOutput } from '@nodescope/api';
import {
  disconnectAll,
  fleetOverview,
  freePort,
  getPrisma,
  migrate,
  startEmbeddedPostgres,
} from '@nodescope/db';
import pg from 'pg';
import { browserSkipReason, startBrowserBench } from './bench-browser.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const NODES = arg('nodes', 5000);
const DAYS = arg('days', 30);
const RUNS = arg('runs', 30);
const keepIdx = process.argv.indexOf('--keep');
const log = (s: string) => process.stderr.write(`[web-bench] ${s}\n`);

const KEY_METRICS: [string, number][] = [
  ['tasks.total', 1_000],
  ['threads.kernel', 400],
  ['mounts.total', 450],
  ['cgroups.memory', 200],
  ['psi.io.some.avg10', 3],
  ['psi.memory.some.avg10', 1],
  ['psi.cpu.some.avg10', 5],
  ['kubelet.cpu_percent', 27],
  ['kubelet.rss_bytes', 7e8],
  ['pleg.relist_max_gap_s', 1.1],
  ['blockdev.count', 14],
  ['uptime.s', 3e6],
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

async function time<T>(
  runs: number,
  fn: () => Promise<T>,
  before?: () => Promise<unknown>,
): Promise<{ p50: number; p95: number; max: number; last: T }> {
  await fn(); // warm-up: plan cache, pool, JIT
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    await before?.();
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50: r(pct(ms, 50)), p95: r(pct(ms, 95)), max: r(Math.max(...ms)), last: last as T };
}

async function fill(url: string): Promise<{ samples: number; seconds: number }> {
  const started = performance.now();
  const c = new pg.Client({ connectionString: url });
  c.on('error', (err) => log(`fill connection: ${err.message}`));
  await c.connect();
  await c.query(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'`);
  const metricsJson = KEY_METRICS.map(
    ([n, b]) => `'${n}', round((${b} * (0.8 + 0.4 * random()))::numeric, 2)`,
  ).join(', ');
  // One node in 24 is sick (like the demo fleet), one in 100 unreachable.
  await c.query(`
    INSERT INTO node (name, host, cluster, pool, labels, health, last_state, last_error, last_snapshot_at, last_attempt_at,
                      kernel_release, kubelet_version, latest_metrics, latest_findings, interval_sec, updated_at)
    SELECT 'node-' || lpad(i::text, 5, '0'), '10.' || (i / 65536) % 256 || '.' || (i / 256) % 256 || '.' || i % 256,
           'cluster-' || (i % 4 + 1), (ARRAY['general', 'highmem', 'batch'])[(i / 4) % 3 + 1],
           jsonb_build_object('cluster', 'cluster-' || (i % 4 + 1), 'pool', (ARRAY['general', 'highmem', 'batch'])[(i / 4) % 3 + 1], 'zone', 'z' || (i % 3 + 1)),
           CASE WHEN i % 24 = 19 THEN 'critical' WHEN i % 24 = 20 THEN 'warning' ELSE 'ok' END,
           CASE WHEN i % 100 = 7 THEN 'unreachable' ELSE 'ok' END,
           CASE WHEN i % 100 = 7 THEN 'connect ETIMEDOUT' END,
           now() - interval '1 minute', now(), '5.15.0-91-generic', 'v1.28.9',
           jsonb_build_object(${metricsJson}) || CASE WHEN i % 24 = 19 THEN '{"kubelet.cpu_percent": 2022, "mounts.total": 26503}'::jsonb ELSE '{}'::jsonb END,
           CASE WHEN i % 24 = 19 THEN '[{"rule":"mount-propagation-leak","severity":"critical","title":"12,777 leaked mounts"}]'::jsonb
                WHEN i % 24 = 20 THEN '[{"rule":"pressure-stall","severity":"warning","title":"io pressure"}]'::jsonb
                ELSE '[]'::jsonb END,
           300, now()
    FROM generate_series(1, ${NODES}) AS i`);
  // Bulk load without the secondary indexes, then build them once (much faster than row by row).
  const { rows: idx } = await c.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'metric_sample' AND indexname NOT LIKE '%pkey'`,
  );
  for (const i of idx) await c.query(`DROP INDEX "${i.indexname}"`);
  const values = KEY_METRICS.map(([n, b]) => `('${n}', ${b}::float8)`).join(', ');
  const chunk = 250;
  for (let from = 1; from <= NODES; from += chunk) {
    await c.query(`
      INSERT INTO metric_sample (node_id, time, name, value)
      SELECT n.id, t, m.name, m.base * (0.8 + 0.4 * random()) * CASE WHEN n.health = 'critical' THEN 1 + extract(epoch FROM t - (now() - interval '${DAYS} days')) / 86400 ELSE 1 END
      FROM node n
      CROSS JOIN generate_series(date_trunc('hour', now()) - interval '${DAYS} days', now(), interval '1 hour') AS t
      CROSS JOIN (VALUES ${values}) AS m(name, base)
      WHERE n.id BETWEEN ${from} AND ${from + chunk - 1}`);
    if ((from - 1) % 1000 === 0) log(`samples for nodes ${from}…${Math.min(NODES, from + chunk - 1)}`);
  }
  log('building metric_sample indexes');
  for (const i of idx) await c.query(i.indexdef);
  // VACUUM cannot run in the implicit transaction of a multi-statement query.
  await c.query('VACUUM ANALYZE node');
  await c.query('VACUUM ANALYZE metric_sample');
  const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM metric_sample');
  await c.end();
  return { samples: Number(rows[0]?.n), seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/** Fleet page ready = first table rows painted, from navigation start, in a cold and a warm load. */
async function browserFleetReady(
  databaseUrl: string,
): Promise<{ coldMs: number; warmMs: number; rowsInDom: number } | { skipped: string }> {
  const skipped = browserSkipReason();
  if (skipped) return { skipped };
  const b = await startBrowserBench(databaseUrl);
  try {
    const ctx = await b.context();
    const page = await ctx.newPage();
    const load = async () => {
      const t = performance.now();
      await page.goto(b.base);
      await page.locator('.frow').first().waitFor({ timeout: 30_000 });
      return Math.round(performance.now() - t);
    };
    const coldMs = await load();
    const warmMs = await load();
    const rowsInDom = await page.locator('.frow').count();
    return { coldMs, warmMs, rowsInDom };
  } finally {
    await b.close();
  }
}

async function main() {
  const dir =
    keepIdx === -1
      ? mkdtempSync(path.join(os.tmpdir(), 'nodescope-web-bench-'))
      : path.resolve(process.argv[keepIdx + 1] as string);
  const port = await freePort();
  log(`embedded PostgreSQL in ${dir} on port ${port}`);
  const server = await startEmbeddedPostgres({ dataDir: dir, port, database: 'bench' });
  try {
    await migrate(server.url);
    const prisma = getPrisma(server.url);
    const existing = await prisma.node.count();
    const filled =
      existing >= NODES ? { samples: await prisma.metricSample.count(), seconds: 0 } : await fill(server.url);
    log(`database ready: ${NODES} nodes, ${filled.samples} samples (${filled.seconds}s)`);
    const api = appRouter.createCaller({
      prisma,
      actor: { kind: 'system', id: 'bench', name: 'bench', role: 'admin' },
    });

    // Served to polling pages: fleet-wide aggregates (pool medians, facet counts) may be up to 4 s old.
    // Ingest keeps going meanwhile: 5,000 nodes every 5 minutes is ~17 snapshots a second. Before
    // each call (outside the timing) touch 17 nodes and let a second pass, as in a live fleet.
    const ingest = async () => {
      await prisma.$executeRawUnsafe(
        `UPDATE node SET updated_at = now(), latest_metrics = latest_metrics || jsonb_build_object('load.1', random() * 10)
         WHERE id IN (SELECT id FROM node ORDER BY random() LIMIT 17)`,
      );
      await new Promise((r) => setTimeout(r, 1_000));
    };
    const fleet = await time(RUNS, () => api.fleet.list({}), ingest);
    // Worst case: everything recomputed, validated with the procedure's own output schema.
    const fleetCold = await time(RUNS, async () =>
      fleetListOutput.parse(await fleetOverview(prisma, { aggregatesMaxAgeMs: 0 })),
    );
    const fleetFiltered = await time(RUNS, () =>
      api.fleet.list({ severity: ['critical'], sort: 'm:kubelet.cpu_percent', dir: 'desc', group: 'none' }),
    );
    const fleetSearch = await time(RUNS, () => api.fleet.list({ q: 'node-04', label: ['zone=z2'] }));
    const names = fleet.last.rows.slice(0, 40).map((r) => r.name);
    const sparklines = await time(RUNS, () =>
      api.fleet.sparklines({ names, metrics: fleet.last.metrics.map((m) => m.name), hours: 24, buckets: 24 }),
    );
    const sick = fleet.last.rows[0]?.name ?? 'node-00019';
    const to = new Date();
    const from = new Date(to.getTime() - DAYS * 86400_000);
    const trends = await time(RUNS, () =>
      api.node.trends({ name: sick, from: from.toISOString(), to: to.toISOString(), points: 240 }),
    );
    const node = await time(RUNS, () => api.node.get({ name: sick }));
    const peers = await time(RUNS, () => api.node.peers({ name: sick }));
    const payload = Buffer.byteLength(JSON.stringify(fleet.last));
    const outliers = fleet.last.rows.filter((r) => r.outliers.length).length;
    const browser = process.argv.includes('--browser')
      ? await browserFleetReady(server.url)
      : { skipped: 'pass --browser' };
    const serialize = await time(RUNS, async () => JSON.stringify(fleet.last).length);
    const result = {
      // Other work on the machine inflates every figure: report how busy it was.
      loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
      cpus: os.cpus().length,
      nodes: NODES,
      days: DAYS,
      samples: filled.samples,
      fillSeconds: filled.seconds,
      runs: RUNS,
      fleetList: {
        p50: fleet.p50,
        p95: fleet.p95,
        max: fleet.max,
        targetP95: 150,
        pass: fleet.p95 < 150,
        rows: fleet.last.rows.length,
        payloadBytes: payload,
        outlierRows: outliers,
      },
      fleetListColdAggregates: {
        p50: fleetCold.p50,
        p95: fleetCold.p95,
        max: fleetCold.max,
        pass: fleetCold.p95 < 150,
      },
      fleetListFilteredSorted: {
        p50: fleetFiltered.p50,
        p95: fleetFiltered.p95,
        rows: fleetFiltered.last.rows.length,
      },
      fleetListSearch: { p50: fleetSearch.p50, p95: fleetSearch.p95, rows: fleetSearch.last.rows.length },
      fleetSparklines40Rows: { p50: sparklines.p50, p95: sparklines.p95 },
      nodeTrends30d: {
        p50: trends.p50,
        p95: trends.p95,
        max: trends.max,
        targetP95: 200,
        pass: trends.p95 < 200,
        points: trends.last.times.length,
        series: Object.keys(trends.last.series).length,
        bucketSec: trends.last.bucketSec,
      },
      nodeGet: { p50: node.p50, p95: node.p95 },
      nodePeers: { p50: peers.p50, p95: peers.p95 },
      fleetListJsonStringify: { p50: serialize.p50, p95: serialize.p95 },
      browserFleetReady: browser,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await disconnectAll();
    await server.stop();
    if (keepIdx === -1) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
