import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Finding, Metrics, ParseWarning, RawArtifact } from '@nodescope/core';
import { severityRank } from '@nodescope/core';
import type { PrismaClient } from '../client.ts';

const gzipAsync = promisify(gzip);

export interface StoreSnapshotInput {
  nodeId: number;
  takenAt: Date;
  status: 'complete' | 'partial' | 'failed';
  durationMs: number;
  error?: string;
  source?: 'ssh' | 'upload' | 'backfill';
  /** Idempotency key: storing the same key twice returns the first snapshot. */
  collectKey?: string;
  artifacts: RawArtifact[];
  findings: Finding[];
  metrics: Metrics;
  warnings?: ParseWarning[];
  facts?: { kernelRelease?: string; kubeletVersion?: string };
  /** Collection state shown in the fleet view: ok | partial | … */
  lastState?: string;
}

function countLines(text: string): number {
  if (!text) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/**
 * Stores one immutable snapshot with its compressed artifacts, findings and metrics in one
 * transaction, carries each finding's first-seen time over from the node's previous snapshot,
 * and refreshes the node's denormalised fleet fields.
 */
export async function storeSnapshot(prisma: PrismaClient, input: StoreSnapshotInput): Promise<bigint> {
  if (input.collectKey) {
    const existing = await prisma.snapshot.findUnique({ where: { collectKey: input.collectKey } });
    if (existing) return existing.id;
  }
  // Compress outside the transaction: it is CPU work, not database work.
  const artifacts = await Promise.all(
    input.artifacts.map(async (a) => ({
      probe: a.probe,
      exitCode: a.exitCode,
      durationMs: Math.round(a.durationMs),
      byteSize: Buffer.byteLength(a.text),
      lineCount: countLines(a.text),
      truncated: a.truncated,
      timedOut: a.timedOut,
      error: a.error ?? null,
      // Level 3: most of the ratio of the default at a fraction of the CPU, on the ingest hot path.
      content: new Uint8Array(await gzipAsync(a.text, { level: 3 })),
    })),
  );
  const probeErrors: Record<string, string> = {};
  for (const a of input.artifacts) {
    if (a.error || a.timedOut) probeErrors[a.probe] = a.error ?? 'timed out';
  }
  const findings = [...input.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const worst = findings[0]?.severity ?? 'ok';

  return prisma.$transaction(
    async (tx) => {
      const previous = await tx.$queryRawUnsafe<{ rule: string; first_seen_at: Date }[]>(
        `SELECT rule, first_seen_at FROM finding WHERE snapshot_id = (
         SELECT id FROM snapshot WHERE node_id = $1 AND taken_at < $2 ORDER BY taken_at DESC LIMIT 1)`,
        input.nodeId,
        input.takenAt,
      );
      const firstSeen = new Map(previous.map((f) => [f.rule, f.first_seen_at]));
      // Raw statements on the hot path: a fleet ingests tens of snapshots a second.
      const [snap] = await tx.$queryRawUnsafe<{ id: bigint }[]>(
        `INSERT INTO snapshot (node_id, taken_at, status, duration_ms, probe_errors, error, source, collect_key, warnings)
         VALUES ($1, $2, $3::"SnapshotStatus", $4, $5::jsonb, $6, $7, $8, $9::jsonb) RETURNING id`,
        input.nodeId,
        input.takenAt,
        input.status,
        Math.round(input.durationMs),
        JSON.stringify(probeErrors),
        input.error ?? null,
        input.source ?? 'ssh',
        input.collectKey ?? null,
        JSON.stringify((input.warnings ?? []).slice(0, 200)),
      );
      if (!snap) throw new Error('snapshot insert returned no id');
      if (artifacts.length) {
        await tx.$executeRawUnsafe(
          `INSERT INTO artifact (snapshot_id, probe, exit_code, duration_ms, byte_size, line_count, truncated, timed_out, error, content)
           SELECT $1, a.probe, a.exit_code, a.duration_ms, a.byte_size, a.line_count, a.truncated, a.timed_out, a.error,
                  decode(a.content, 'base64')
           FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bool[], $8::bool[], $9::text[], $10::text[])
             AS a(probe, exit_code, duration_ms, byte_size, line_count, truncated, timed_out, error, content)`,
          snap.id,
          artifacts.map((a) => a.probe),
          artifacts.map((a) => a.exitCode),
          artifacts.map((a) => a.durationMs),
          artifacts.map((a) => a.byteSize),
          artifacts.map((a) => a.lineCount),
          artifacts.map((a) => a.truncated),
          artifacts.map((a) => a.timedOut),
          artifacts.map((a) => a.error),
          artifacts.map((a) => Buffer.from(a.content).toString('base64')),
        );
      }
      if (findings.length) {
        await tx.finding.createMany({
          data: findings.map((f) => ({
            snapshotId: snap.id,
            nodeId: input.nodeId,
            rule: f.rule,
            severity: f.severity,
            title: f.title,
            summary: f.summary,
            evidence: f.evidence as object[],
            evidenceTotal: f.evidenceTotal,
            metrics: f.metrics,
            details: (f.details ?? undefined) as object | undefined,
            firstSeenAt: firstSeen.get(f.rule) ?? input.takenAt,
            lastSeenAt: input.takenAt,
          })),
        });
      }
      const metricRows = Object.entries(input.metrics).filter(([, v]) => Number.isFinite(v));
      if (metricRows.length) {
        // One statement for the ~60 numbers of a snapshot: the hot path of fleet ingest.
        await tx.$executeRawUnsafe(
          `INSERT INTO metric_sample (node_id, snapshot_id, time, name, value)
         SELECT $1, $2, $3, m.name, m.value FROM unnest($4::text[], $5::float8[]) AS m(name, value)`,
          input.nodeId,
          snap.id,
          input.takenAt,
          metricRows.map(([name]) => name),
          metricRows.map(([, value]) => value),
        );
      }
      // Only a newer snapshot may move the node's "latest" fields (backfill writes older ones).
      await tx.$executeRawUnsafe(
        // A failed attempt newer than this snapshot (a refused host key) keeps its state.
        `UPDATE node SET last_snapshot_at = $2, last_snapshot_id = $3,
         last_state = CASE WHEN last_attempt_at IS NULL OR last_attempt_at <= $2 THEN $4 ELSE last_state END,
         last_error = CASE WHEN last_attempt_at IS NULL OR last_attempt_at <= $2 THEN $5 ELSE last_error END,
         last_attempt_at = GREATEST(last_attempt_at, $2), health = $6, latest_metrics = $7::jsonb, latest_findings = $8::jsonb,
         kernel_release = COALESCE($9, kernel_release), kubelet_version = COALESCE($10, kubelet_version),
         updated_at = now()
       WHERE id = $1 AND (last_snapshot_at IS NULL OR last_snapshot_at <= $2)`,
        input.nodeId,
        input.takenAt,
        snap.id,
        input.lastState ?? (input.status === 'complete' ? 'ok' : input.status),
        input.error ?? null,
        worst,
        JSON.stringify(Object.fromEntries(metricRows)),
        JSON.stringify(
          findings.slice(0, 12).map((f) => ({ rule: f.rule, severity: f.severity, title: f.title })),
        ),
        input.facts?.kernelRelease ?? null,
        input.facts?.kubeletVersion ?? null,
      );
      return snap.id;
    },
    // Many collections finish at once on a fleet: wait for a pooled connection rather than fail.
    { maxWait: 60_000, timeout: 120_000 },
  );
}
