import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeBundle } from '@nodescope/core';
import {
  type EmbeddedHandle,
  freePort,
  getPrisma,
  migrate,
  type PrismaClient,
  startEmbeddedPostgres,
  upsertNodes,
} from '@nodescope/db';
import { ingestSnapshot } from '@nodescope/services/snapshots/ingest-snapshot';
import { uploadBundle } from '@nodescope/services/snapshots/upload-bundle';
import { UploadError } from '@nodescope/services/snapshots/upload-error';
import { bundleFor, generateArtifacts } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDbRetry } from '../src/service/db-retry.ts';

// The embedded database's data folder on a real 160 MB tmpfs, filled to the last byte. Mounting
// needs root (CI runs as root); elsewhere the test is skipped and says so.
const mountDir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m,mode=0755', 'tmpfs', mountDir], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}
const filler = path.join(mountDir, 'filler');
let pg: EmbeddedHandle;
let prisma: PrismaClient;

/** Writes until the file system refuses: the disk is then full for everyone, PostgreSQL included. */
function fillDisk(): number {
  const fd = openSync(filler, 'a');
  const chunk = Buffer.alloc(1 << 20, 1);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  // The last partial blocks too: a file system with a few KB left still takes a small row.
  const small = openSync(filler, 'a');
  try {
    for (;;) written += writeSync(small, Buffer.alloc(4096, 1));
  } catch {
    // full
  } finally {
    closeSync(small);
  }
  return written;
}

beforeAll(async () => {
  if (!mounted) return;
  pg = await startEmbeddedPostgres({ dataDir: path.join(mountDir, 'pg'), port: await freePort() });
  await migrate(pg.url);
  prisma = getPrisma(pg.url);
  await upsertNodes(prisma, [{ name: 'full-1', host: 'h', labels: { cluster: 'c', pool: 'p' } }]);
}, 120_000);

afterAll(async () => {
  if (mounted) {
    await prisma?.$disconnect();
    await pg?.stop();
    execFileSync('umount', [mountDir]);
  }
  rmSync(mountDir, { recursive: true, force: true });
});

const snapshotAt = async (at: Date) => {
  const node = await prisma.node.findUniqueOrThrow({ where: { name: 'full-1' } });
  return ingestSnapshot(prisma, {
    node,
    takenAt: at,
    status: 'complete',
    durationMs: 5,
    // A leaking node at a tenth of seed A's scale: megabytes of raw text to store.
    artifacts: generateArtifacts({ name: 'full-1', scenario: 'mount-leak', scale: 0.1 }, at),
    source: 'ssh',
    collectKey: `full-1:${at.toISOString()}`,
  });
};

describe.skipIf(!mounted)('disk full in the data folder (needs root to mount a small tmpfs)', () => {
  it('refuses with a clear error, keeps what was stored, and stores the waiting snapshot once space returns', async () => {
    const first = await snapshotAt(new Date('2026-12-01T10:00:00Z'));
    const artifactsBefore = await prisma.artifact.count({ where: { snapshotId: first.snapshotId } });
    expect(artifactsBefore).toBe(13);
    expect(fillDisk()).toBeGreaterThan(0);

    // An upload is answered 507 with the cause and the way out, not a bare 500.
    const bundle = bundleFor('mount-leak', {
      name: 'uploaded-1',
      scale: 0.1,
      at: new Date('2026-12-01T10:30:00Z'),
    });
    const refused = await uploadBundle(prisma, new TextEncoder().encode(serializeBundle(bundle))).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(UploadError);
    expect((refused as UploadError).status).toBe(507);
    expect((refused as Error).message).toMatch(/disk is full.*NODESCOPE_DATA_DIR/);

    // A collected snapshot waits in memory, retried, and lands once space is back.
    const log: string[] = [];
    const waiting = withDbRetry(() => snapshotAt(new Date('2026-12-01T11:00:00Z')), {
      what: 'storing the snapshot of full-1',
      log: (l) => log.push(l),
      budgetMs: 60_000,
    });
    await new Promise((r) => setTimeout(r, 3000));
    expect(log.length).toBeGreaterThan(0);
    expect(log[0]).toMatch(/storing the snapshot of full-1: the database's disk is full/);
    rmSync(filler);
    const second = await waiting;

    // Nothing half-stored, nothing lost: both snapshots whole, no snapshot without its artifacts.
    const snaps = await prisma.snapshot.findMany({
      include: { _count: { select: { artifacts: true } } },
      orderBy: { takenAt: 'asc' },
    });
    expect(snaps.map((s) => s.id)).toEqual([first.snapshotId, second.snapshotId]);
    expect(snaps.map((s) => s._count.artifacts)).toEqual([13, 13]);
    expect(await prisma.node.count({ where: { name: 'uploaded-1' } })).toBe(0);
    // And the database works as before: the refused upload goes in now.
    const retried = await uploadBundle(prisma, new TextEncoder().encode(serializeBundle(bundle)));
    expect(retried.probes).toBe(13);
  }, 180_000);
});
