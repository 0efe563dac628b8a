import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeBundle } from '@nodescope/core';
import { type PrismaClient, snapshotBundle, upsertNodes } from '@nodescope/db';
import { ingestSnapshot } from '@nodescope/services/snapshots/ingest-snapshot';
import { uploadBundle } from '@nodescope/services/snapshots/upload-bundle';
import { generateArtifacts, startFleet } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test/test-database.ts';
import { collectNode } from '../src/service/collect-node.ts';

// One snapshot, two ways in: collected over real SSH from a simulated node into one database,
// then downloaded as a bundle and uploaded into a second database that holds the same peers.
// Both go through the one ingest, so what is stored must be the same, but for ids, times and
// where it came from.

const labels = { cluster: 'c1', pool: 'p1' };
const PEERS = ['peer-1', 'peer-2', 'peer-3', 'peer-4'];
const PEER_AT = new Date(Date.now() - 10 * 60_000);
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-parity-'));
let overSsh: TestDatabase;
let asUpload: TestDatabase;
let fleet: Awaited<ReturnType<typeof startFleet>>;
let sshSnapshotId: bigint;
let uploadSnapshotId: bigint;

/** The same healthy pool in both databases: the sick node is compared with identical peers. */
async function seedPeers(prisma: PrismaClient) {
  await upsertNodes(
    prisma,
    PEERS.map((name) => ({ name, host: '127.0.0.1', labels })),
  );
  for (const [i, name] of PEERS.entries()) {
    const node = await prisma.node.findUniqueOrThrow({ where: { name } });
    await ingestSnapshot(prisma, {
      node,
      takenAt: PEER_AT,
      status: 'complete',
      durationMs: 1,
      artifacts: generateArtifacts({ name, scenario: 'healthy', labels, scale: 0.05 + i * 0.01 }, PEER_AT),
      source: 'ssh',
    });
  }
}

beforeAll(async () => {
  [overSsh, asUpload] = await Promise.all([
    createTestDatabase('parity_ssh'),
    createTestDatabase('parity_upload'),
  ]);
  await Promise.all([seedPeers(overSsh.prisma), seedPeers(asUpload.prisma)]);
  fleet = await startFleet({
    stateDir,
    nodes: [{ name: 'sick-1', scenario: 'mount-leak', scale: 0.05, labels }],
  });
  await upsertNodes(overSsh.prisma, fleet.inventory);
  const node = await overSsh.prisma.node.findUniqueOrThrow({ where: { name: 'sick-1' } });
  const outcome = await collectNode(overSsh.prisma, node.id);
  expect(outcome.state).toBe('ok');
  sshSnapshotId = outcome.snapshotId!;

  const found = await snapshotBundle(overSsh.prisma, sshSnapshotId);
  // The same inventory node on the other side, so the upload may be attached to it.
  await upsertNodes(asUpload.prisma, fleet.inventory);
  const uploaded = await uploadBundle(
    asUpload.prisma,
    new TextEncoder().encode(serializeBundle(found!.bundle)),
    {
      attach: true,
    },
  );
  uploadSnapshotId = BigInt(uploaded.snapshotId);
}, 120_000);

afterAll(async () => {
  await fleet?.stop();
  await overSsh?.drop();
  await asUpload?.drop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** What was stored of one snapshot, without ids, times, durations and its source. */
async function stored(prisma: PrismaClient, id: bigint) {
  const s = await prisma.snapshot.findUniqueOrThrow({
    where: { id },
    include: { findings: true, metrics: true, artifacts: true, node: true },
  });
  return {
    node: s.node.name,
    status: s.status,
    probeErrors: s.probeErrors,
    warnings: s.warnings,
    findings: s.findings
      .map((f) => ({
        rule: f.rule,
        severity: f.severity,
        title: f.title,
        summary: f.summary,
        evidence: f.evidence,
        evidenceTotal: f.evidenceTotal,
        metrics: f.metrics,
        details: f.details,
      }))
      .sort((a, b) => `${a.rule} ${a.title}`.localeCompare(`${b.rule} ${b.title}`)),
    metrics: Object.fromEntries(
      s.metrics.map((m) => [m.name, m.value]).sort(([a], [b]) => String(a).localeCompare(String(b))),
    ),
    artifacts: s.artifacts
      .map((a) => ({
        probe: a.probe,
        exitCode: a.exitCode,
        byteSize: a.byteSize,
        lineCount: a.lineCount,
        truncated: a.truncated,
        timedOut: a.timedOut,
        error: a.error,
      }))
      .sort((a, b) => a.probe.localeCompare(b.probe)),
    latestMetrics: s.node.latestMetrics,
    health: s.node.health,
  };
}

describe('one ingest for SSH and upload', () => {
  it('stores identical findings and metrics for the same snapshot', async () => {
    const ssh = await stored(overSsh.prisma, sshSnapshotId);
    const upload = await stored(asUpload.prisma, uploadSnapshotId);
    // Something to compare: the leak and a peer comparison were found, numbers were kept.
    expect(ssh.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['mount-propagation-leak', 'fleet-outlier']),
    );
    expect(Object.keys(ssh.metrics).length).toBeGreaterThan(10);
    expect(ssh.artifacts.length).toBeGreaterThan(5);
    expect(upload).toStrictEqual(ssh);
  });

  it('records where each came from', async () => {
    const [a, b] = await Promise.all([
      overSsh.prisma.snapshot.findUniqueOrThrow({ where: { id: sshSnapshotId } }),
      asUpload.prisma.snapshot.findUniqueOrThrow({ where: { id: uploadSnapshotId } }),
    ]);
    expect([a.source, b.source]).toEqual(['ssh', 'upload']);
    expect(b.takenAt.toISOString()).toBe(a.takenAt.toISOString());
  });
});
