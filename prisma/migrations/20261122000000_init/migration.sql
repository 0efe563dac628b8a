-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SnapshotStatus" AS ENUM ('complete', 'partial', 'failed');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('critical', 'warning', 'info');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'mitigated', 'resolved');

-- CreateTable
CREATE TABLE "node" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 22,
    "user" TEXT NOT NULL DEFAULT 'root',
    "identity_file" TEXT,
    "known_hosts_file" TEXT,
    "cluster" TEXT NOT NULL DEFAULT 'default',
    "pool" TEXT NOT NULL DEFAULT 'default',
    "labels" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "use_sudo" BOOLEAN NOT NULL DEFAULT false,
    "tofu" BOOLEAN NOT NULL DEFAULT false,
    "interval_sec" INTEGER NOT NULL DEFAULT 300,
    "kernel_release" TEXT,
    "kubelet_version" TEXT,
    "last_state" TEXT,
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "next_due_at" TIMESTAMPTZ(3),
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "last_snapshot_at" TIMESTAMPTZ(3),
    "last_snapshot_id" BIGINT,
    "health" TEXT,
    "latest_metrics" JSONB NOT NULL DEFAULT '{}',
    "latest_findings" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot" (
    "id" BIGSERIAL NOT NULL,
    "node_id" INTEGER NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "SnapshotStatus" NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "probe_errors" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "source" TEXT NOT NULL DEFAULT 'ssh',
    "collect_key" TEXT,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artifact" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" BIGINT NOT NULL,
    "probe" TEXT NOT NULL,
    "exit_code" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "line_count" INTEGER NOT NULL DEFAULT 0,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "timed_out" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "content" BYTEA,
    "pruned_at" TIMESTAMPTZ(3),

    CONSTRAINT "artifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" BIGINT NOT NULL,
    "node_id" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "evidence_total" INTEGER NOT NULL DEFAULT 0,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "details" JSONB,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_sample" (
    "id" BIGSERIAL NOT NULL,
    "node_id" INTEGER NOT NULL,
    "snapshot_id" BIGINT,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "name" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "metric_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "node_name_key" ON "node"("name");

-- CreateIndex
CREATE INDEX "node_cluster_pool_idx" ON "node"("cluster", "pool");

-- CreateIndex
CREATE INDEX "node_enabled_next_due_at_idx" ON "node"("enabled", "next_due_at");

-- CreateIndex
CREATE UNIQUE INDEX "snapshot_collect_key_key" ON "snapshot"("collect_key");

-- CreateIndex
CREATE INDEX "snapshot_node_id_taken_at_idx" ON "snapshot"("node_id", "taken_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "artifact_snapshot_id_probe_key" ON "artifact"("snapshot_id", "probe");

-- CreateIndex
CREATE INDEX "finding_node_id_snapshot_id_idx" ON "finding"("node_id", "snapshot_id");

-- CreateIndex
CREATE INDEX "finding_rule_severity_idx" ON "finding"("rule", "severity");

-- CreateIndex
CREATE INDEX "metric_sample_node_id_name_time_idx" ON "metric_sample"("node_id", "name", "time");

-- CreateIndex
CREATE INDEX "metric_sample_name_node_id_time_idx" ON "metric_sample"("name", "node_id", "time" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "incident_slug_key" ON "incident"("slug");

-- AddForeignKey
ALTER TABLE "snapshot" ADD CONSTRAINT "snapshot_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifact" ADD CONSTRAINT "artifact_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_sample" ADD CONSTRAINT "metric_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_sample" ADD CONSTRAINT "metric_sample_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

