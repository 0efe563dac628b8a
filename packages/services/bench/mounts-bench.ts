/**
 * Mount graph benchmark on the full-scale mount-leak snapshot (26,000+ mount records, 6,385
 * devices): the mounts.graph procedure through the real tRPC router and a real embedded
 * PostgreSQL (first call parses; later calls hit the per-snapshot cache), its payload size,
 * and `nodescope mounts --format text` as a whole process against `findmnt --tab-file -r`
 * (list mode: tree mode takes ~50 s on such tables) on the same host table; then, in Debian's
 * Chromium against the built UI (`next build` of apps/web first), the page's first render of
 * the graph and the expansion of the leak group (click to its members drawn, server round trip
 * included). Prints JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { appRouter } from '@nodescope/api';
import { analyzeArtifacts, serializeBundle } from '@nodescope/core';
import {
  disconnectAll,
  freePort,
  getPrisma,
  migrate,
  startEmbeddedPostgres,
  storeSnapshot,
  upsertNodes,
} from '@nodescope/db';
import { bundleFor } from '@nodescope/simulator';
import { browserSkipReason, startBrowserBench } from '../../../apps/web/bench/bench-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RUNS = 15;
const log = (s: string) => process.stderr.write(`[mounts-bench] ${s}\n`);
const r1 = (x: number) => Math.round(x * 10) / 10;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}
async function timed<T>(fn: () => Promise<T>): Promise<{ p50: number; p95: number; last: T }> {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  return { p50: r1(pct(ms, 50)), p95: r1(pct(ms, 95)), last: last as T };
}
function wall(cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}`);
  return r1(performance.now() - t);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const GROUP = '[data-testid="mount-node"][data-kind="copy-group"].mg-leak';

/** First render and one expansion in Chromium, signed in, against `next start` (the browser benchmarks' harness). */
async function browserTimes(url: string) {
  const skip = browserSkipReason();
  if (skip) return { skipped: skip };
  const bench = await startBrowserBench(url);
  try {
    const base = bench.base;
    // readMs: how long the engineer looks at the graph before clicking (0: the click follows the render).
    const once = async (readMs = 0) => {
      const ctx = await bench.context();
      const page = await ctx.newPage();
      // The moment the first leak card is in the document, in the page's own clock (since
      // navigation start), without Playwright's polling delay on top.
      await page.addInitScript(`(() => {
        const obs = new MutationObserver(() => {
          if (document.querySelector(${JSON.stringify(GROUP)})) {
            window.__firstCard = performance.now();
            obs.disconnect();
          }
        });
        obs.observe(document, { childList: true, subtree: true });
      })()`);
      await page.goto(`${base}/nodes/leak-1/mounts`);
      await page.locator(GROUP).first().waitFor({ timeout: 60_000 });
      const firstRender = (await page.evaluate('window.__firstCard')) as number;
      if (readMs) await page.waitForTimeout(readMs);
      // A string, not a function: the bench's transpiler would wrap named closures in a helper
      // the page does not have.
      const expand = (await page.evaluate(`new Promise((resolve) => {
        const t = performance.now();
        const obs = new MutationObserver(() => {
          if (document.querySelectorAll('[data-testid="mount-node"][data-kind="copy"]').length >= 5) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t));
          }
        });
        obs.observe(document.body, { childList: true, subtree: true });
        document.querySelector(${JSON.stringify(GROUP)}).click();
      })`)) as number;
      await ctx.close();
      return { firstRender: r1(firstRender), expand: r1(expand) };
    };
    const cold = await once();
    const warm = [await once(), await once(), await once()];
    const reading = [await once(1_500), await once(1_500), await once(1_500)];
    return {
      coldFirstRenderMs: cold.firstRender,
      coldExpandMs: cold.expand,
      firstRenderMedianMs: median(warm.map((w) => w.firstRender)),
      expandMedianMs: median(warm.map((w) => w.expand)),
      expandAfterReadingMedianMs: median(reading.map((w) => w.expand)),
      targetFirstRenderMs: 800,
      targetExpandMs: 150,
    };
  } finally {
    await bench.close();
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-mounts-bench-'));
const bundle = bundleFor('mount-leak', { name: 'leak-1' });
const bundleFile = path.join(dir, 'leak.bundle');
writeFileSync(bundleFile, serializeBundle(bundle));
const host = bundle.artifacts.find((a) => a.probe === 'mountinfo')?.text ?? '';
const hostFile = path.join(dir, 'mountinfo');
writeFileSync(hostFile, host);

const server = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'bench' });
try {
  await migrate(server.url);
  const prisma = getPrisma(server.url);
  await upsertNodes(prisma, [{ name: 'leak-1', host: '10.0.0.1', labels: {} }]);
  const n = await prisma.node.findUniqueOrThrow({ where: { name: 'leak-1' } });
  const a = analyzeArtifacts(bundle.artifacts, { takenAt: bundle.takenAt });
  await storeSnapshot(prisma, {
    nodeId: n.id,
    takenAt: new Date(bundle.takenAt),
    status: 'complete',
    durationMs: 1,
    artifacts: bundle.artifacts,
    findings: a.findings,
    metrics: a.metrics,
  });
  const api = appRouter.createCaller({
    prisma,
    actor: { kind: 'user', id: 'b', name: 'bench', role: 'viewer' },
  });
  log('first call (loads and parses the snapshot)');
  const t = performance.now();
  const first = await api.mounts.graph({ node: 'leak-1' });
  const cold = r1(performance.now() - t);
  const group = first.view.nodes.find((x) => x.kind === 'copy-group' && x.leak);
  const collapsed = await timed(() => api.mounts.graph({ node: 'leak-1' }));
  const expanded = await timed(() =>
    api.mounts.graph({ node: 'leak-1', expand: group?.id, select: group?.id }),
  );
  const bytes = (v: unknown) => {
    const s = JSON.stringify(v);
    return { raw: Buffer.byteLength(s), gzip: gzipSync(s).length };
  };
  log('whole-process CLI vs findmnt');
  const cli = path.join(ROOT, 'node_modules/.bin/nodescope');
  const cliMs = [0, 1, 2].map(() => wall(cli, ['mounts', bundleFile, '--format', 'text']));
  const cliHostMs = [0, 1, 2].map(() => wall(cli, ['mounts', hostFile, '--format', 'text']));
  const findmntMs = [0, 1, 2].map(() => wall('findmnt', ['--tab-file', hostFile, '-r']));
  log('Chromium: first render and one expansion');
  const chromium = await browserTimes(server.url);
  const ratio = Math.min(...cliHostMs) / Math.min(...findmntMs);
  console.log(
    JSON.stringify(
      {
        snapshot: {
          records: first.view.totals.records,
          devices: first.view.totals.devices,
          leaked: first.view.totals.leakedCopies,
        },
        server: {
          firstCallMs: cold,
          collapsed: {
            p50: collapsed.p50,
            p95: collapsed.p95,
            nodes: collapsed.last.view.nodes.length,
            bytes: bytes(collapsed.last),
            targetMs: 150,
            targetBytes: 300_000,
          },
          expandedWithSelection: {
            p50: expanded.p50,
            p95: expanded.p95,
            nodes: expanded.last.view.nodes.length,
            bytes: bytes(expanded.last),
          },
        },
        cli: {
          nodescopeBundleMs: Math.min(...cliMs),
          nodescopeHostTableMs: Math.min(...cliHostMs),
          findmntListMs: Math.min(...findmntMs),
          hostTableLines: host.split('\n').length - 1,
          hostTableVsFindmnt: Math.round(ratio * 100) / 100,
          target: 'nodescope host table <= findmnt (ratio <= 1)',
        },
        chromium,
        loadavg: os.loadavg().map(r1),
      },
      null,
      2,
    ),
  );
} finally {
  await disconnectAll();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
