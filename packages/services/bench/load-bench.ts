/**
 * Load benchmark: the real server (`npm start`'s composition root, built UI, demo fleet) on a
 * fresh embedded PostgreSQL, plus 200 simulated nodes (ssh2 servers in their own process)
 * imported with `nodescope nodes import` and collected by the server's worker every minute.
 * 50 signed-in users (autocannon connections over loopback, a session cookie each phase) load
 * the fleet, node, mount graph and incident pages for LOAD_SECONDS (60): once plain, once with
 * a 50 MB bundle uploaded in the middle. Baseline in the same run: one user, one page at a
 * time. Prints p50/p95/p99 and errors per page and the ratio to the baseline.
 *
 *   npm run bench -- load          (LOAD_SECONDS, LOAD_USERS, LOAD_NODES, LOAD_UPLOAD_MB override)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeBundle } from '@nodescope/core';
import { disconnectAll, freePort, getPrisma, migrate, startEmbeddedPostgres } from '@nodescope/db';
import { bundleFor } from '@nodescope/simulator';
import autocannon from 'autocannon';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import { openIncident } from '../src/incidents/open-incident.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'packages/collector/bin/nodescope.mjs');
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = env('LOAD_SECONDS', 60);
const USERS = env('LOAD_USERS', 50);
const NODES = env('LOAD_NODES', 200);
const UPLOAD_MB = env('LOAD_UPLOAD_MB', 50);
const TARGET_P95 = 500;
const TARGET_P95_UPLOAD = 800;
const INCIDENT_NODE = 'prod-east-general-03';
const log = (s: string) => process.stderr.write(`[load-bench] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
}

interface PageFigures {
  requests: number;
  errors: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
}

/** `connections` users each loading `url` back to back for `seconds`; latencies per response. */
function hammer(url: string, cookie: string, connections: number, seconds: number): Promise<PageFigures> {
  return new Promise((resolve, reject) => {
    const ms: number[] = [];
    const inst = autocannon(
      { url, connections, duration: seconds, headers: { cookie }, timeout: 30 },
      (err, res) => {
        if (err) return reject(err);
        resolve({
          requests: ms.length,
          errors: res.errors + res.timeouts,
          non2xx: res.non2xx,
          p50: Math.round(pct(ms, 50)),
          p95: Math.round(pct(ms, 95)),
          p99: Math.round(pct(ms, 99)),
        });
      },
    );
    inst.on('response', (_client, _status, _bytes, responseTime) => ms.push(responseTime));
  });
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1_000);
  }
}

/** Stops a child's process group and waits (bounded) until it has exited. */
async function stop(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  await Promise.race([exited, sleep(15_000)]);
}

/** The full-scale mount-leak bundle with its kubelet log repeated until the bundle reaches `mb` MB. */
function bigBundle(mb: number): { text: string; name: string } {
  const name = `load-upload-${Date.now()}`;
  const b = bundleFor('mount-leak', { name, at: new Date(Date.now() - 60_000) });
  const target = mb * 1024 * 1024;
  const size = serializeBundle(b).length;
  const log = b.artifacts.find((a) => a.probe === 'kubelet-log');
  if (log && size < target) {
    const copies = Math.ceil((target - size) / log.text.length) + 1;
    log.text = Array.from({ length: copies }, () => log.text).join('');
  }
  return { text: serializeBundle(b), name };
}

type Phase = Record<string, PageFigures>;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-load-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as its own user when started by root
  const children: ChildProcess[] = [];
  const pgPort = await freePort();
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: pgPort, database: 'load' });
  try {
    await migrate(db.url);
    const prisma = getPrisma(db.url);

    log(`simulating ${NODES} nodes`);
    const inv = path.join(dir, 'inventory.json');
    const sim = spawn(
      process.execPath,
      [
        BIN,
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
      { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
    );
    children.push(sim);
    await waitFor('the simulator inventory', 120_000, async () => existsSync(inv));
    const imported = spawnSync(process.execPath, [BIN, 'nodes', 'import', inv, '--format', 'json'], {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: 'utf8',
    });
    if (imported.status !== 0) throw new Error(`nodes import failed: ${imported.stderr}`);
    await prisma.node.updateMany({ data: { intervalSec: 60, nextDueAt: new Date() } });

    const port = await freePort();
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir);
    log(`server on :${port}`);
    const server = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        NODESCOPE_DATA_DIR: dataDir,
        NODESCOPE_BACKFILL_DAYS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(server);
    const serverLog = createWriteStream(path.join(ROOT, 'test-results', 'load-bench-server.log'));
    server.stderr?.pipe(serverLog);
    server.stdout?.pipe(serverLog);
    let backfilled = false;
    server.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('demo history:')) backfilled = true;
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the server', 180_000, async () => (await fetch(`${base}/api/health`)).ok);
    await waitFor('the demo backfill', 600_000, async () => backfilled);
    const total = NODES + 24;
    await waitFor('a first snapshot of every node', 600_000, async () => {
      const n = await prisma.node.count({ where: { lastSnapshotId: { not: null } } });
      return n >= total - 2; // the changed-host-key demo node and the unreachable one never collect
    });

    const user = await prisma.user.upsert({
      where: { email: 'load@bench.nodescope' },
      create: { id: 'load-admin', email: 'load@bench.nodescope', name: 'load', role: 'admin' },
      update: {},
    });
    const session = await createSession(prisma, user.id);
    const cookie = `${SESSION_COOKIE}=${session.token}`;
    const opened = await openIncident(
      prisma,
      { kind: 'system', id: 'bench', name: 'bench', role: 'admin' },
      { nodeName: INCIDENT_NODE, from: 'node' },
    );
    if (!opened.ok) throw new Error(`could not open an incident: ${opened.reason}`);
    const pages: Record<string, string> = {
      fleet: '/',
      node: `/nodes/${INCIDENT_NODE}`,
      'mount graph': `/nodes/${INCIDENT_NODE}/mounts`,
      incident: `/incidents/${opened.slug}`,
    };
    for (const [name, href] of Object.entries(pages)) {
      const r = await fetch(`${base}${href}`, { headers: { cookie }, redirect: 'manual' });
      if (r.status !== 200) throw new Error(`${name} page ${href} answered ${r.status}`);
    }

    log('baseline: one user, one page at a time');
    const baseline: Phase = {};
    for (const [name, href] of Object.entries(pages))
      baseline[name] = await hammer(`${base}${href}`, cookie, 1, Math.max(5, SECONDS / 6));

    const phase = async (label: string, during?: () => Promise<unknown>): Promise<Phase> => {
      log(`${label}: ${USERS} users for ${SECONDS} s`);
      const each = Object.keys(pages).length;
      const runs = Object.entries(pages).map(
        async ([name, href], i) =>
          [
            name,
            await hammer(
              `${base}${href}`,
              cookie,
              Math.floor(USERS / each) + (i < USERS % each ? 1 : 0),
              SECONDS,
            ),
          ] as const,
      );
      const [results] = await Promise.all([Promise.all(runs), during?.()]);
      return Object.fromEntries(results);
    };
    const plain = await phase('load');

    const bundle = bigBundle(UPLOAD_MB);
    const upload = { mb: Math.round(bundle.text.length / 1048576), status: 0, seconds: 0, message: '' };
    const withUpload = await phase(`load with a ${upload.mb} MB upload`, async () => {
      await sleep((SECONDS * 1000) / 4);
      const t = performance.now();
      const r = await fetch(`${base}/api/upload`, {
        method: 'POST',
        headers: { cookie, origin: base, 'x-csrf-token': session.csrfToken, 'content-type': 'text/plain' },
        body: bundle.text,
      });
      upload.status = r.status;
      upload.seconds = Math.round((performance.now() - t) / 100) / 10;
      upload.message = (await r.text()).slice(0, 200);
    });
    const stored = await prisma.node.findUnique({
      where: { name: bundle.name },
      select: { lastSnapshotId: true },
    });

    const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
    const rows = (p: Phase) =>
      Object.entries(p).map(([name, f]) => ({
        page: name,
        ...f,
        p95VsBaselineP50: Math.round((f.p95 / Math.max(1, baseline[name]?.p50 ?? 1)) * 10) / 10,
      }));
    const worst = (p: Phase) => Math.max(...Object.values(p).map((f) => f.p95));
    const errs = (p: Phase) => Object.values(p).reduce((n, f) => n + f.errors + f.non2xx, 0);
    const result = {
      machine,
      users: USERS,
      seconds: SECONDS,
      nodes: total,
      baseline: rows(baseline),
      load: rows(plain),
      loadWithUpload: rows(withUpload),
      upload: { ...upload, stored: stored?.lastSnapshotId != null },
      targets: {
        'no errors': errs(plain) + errs(withUpload) === 0 ? 'PASS' : 'MISS',
        [`p95 < ${TARGET_P95} ms`]: worst(plain) < TARGET_P95 ? 'PASS' : `MISS (${worst(plain)} ms)`,
        [`p95 < ${TARGET_P95_UPLOAD} ms during the upload`]:
          worst(withUpload) < TARGET_P95_UPLOAD ? 'PASS' : `MISS (${worst(withUpload)} ms)`,
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    // The server first, so nothing is still querying the database when it stops.
    for (const c of children.reverse()) await stop(c);
    await disconnectAll();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`[load-bench] ${(err as Error).stack ?? err}`);
  process.exit(1);
});
