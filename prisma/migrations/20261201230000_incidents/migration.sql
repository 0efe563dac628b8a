-- Incidents: pinned snapshots, affected nodes, triage progress, the timeline and share links.
-- The incident table had no rows before this (nothing wrote to it).
-- AlterEnum
CREATE TYPE "IncidentStatus_new" AS ENUM ('investigating', 'mitigated', 'resolved');
ALTER TABLE "incident" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "incident" ALTER COLUMN "status" TYPE "IncidentStatus_new" USING ("status"::text::"IncidentStatus_new");
ALTER TYPE "IncidentStatus" RENAME TO "IncidentStatus_old";
ALTER TYPE "IncidentStatus_new" RENAME TO "IncidentStatus";
DROP TYPE "IncidentStatus_old";
ALTER TABLE "incident" ALTER COLUMN "status" SET DEFAULT 'investigating';

-- AlterTable
ALTER TABLE "incident" ADD COLUMN     "mitigated_at" TIMESTAMPTZ(3),
ADD COLUMN     "node_name" TEXT NOT NULL,
ADD COLUMN     "opened_by" TEXT NOT NULL,
ADD COLUMN     "opened_by_id" TEXT NOT NULL,
ADD COLUMN     "opened_from" TEXT NOT NULL,
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "remediation" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "resolved_at" TIMESTAMPTZ(3),
ADD COLUMN     "rule" TEXT,
ADD COLUMN     "severity" "Severity" NOT NULL DEFAULT 'warning',
ADD COLUMN     "summary" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL,
ALTER COLUMN "status" SET DEFAULT 'investigating';

-- CreateTable
CREATE TABLE "incident_snapshot" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "snapshot_id" BIGINT NOT NULL,
    "node_name" TEXT NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL,
    "content_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "triage" JSONB NOT NULL,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "findings" JSONB NOT NULL DEFAULT '[]',
    "pinned_by" TEXT NOT NULL,
    "pinned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_node" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "node_name" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_step" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "playbook" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "suggested" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "overridden" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "answered_by" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_event" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "node_time" TIMESTAMPTZ(3),
    "snapshot_id" BIGINT,
    "step_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "key" BOOLEAN NOT NULL DEFAULT false,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_share_link" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "incident_share_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "incident_snapshot_snapshot_id_idx" ON "incident_snapshot"("snapshot_id");

-- CreateIndex
CREATE UNIQUE INDEX "incident_snapshot_incident_id_snapshot_id_key" ON "incident_snapshot"("incident_id", "snapshot_id");

-- CreateIndex
CREATE INDEX "incident_node_node_name_idx" ON "incident_node"("node_name");

-- CreateIndex
CREATE UNIQUE INDEX "incident_node_incident_id_node_name_key" ON "incident_node"("incident_id", "node_name");

-- CreateIndex
CREATE UNIQUE INDEX "incident_step_incident_id_playbook_step_id_key" ON "incident_step"("incident_id", "playbook", "step_id");

-- CreateIndex
CREATE INDEX "incident_event_incident_id_at_idx" ON "incident_event"("incident_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "incident_share_link_token_hash_key" ON "incident_share_link"("token_hash");

-- CreateIndex
CREATE INDEX "incident_share_link_incident_id_idx" ON "incident_share_link"("incident_id");

-- CreateIndex
CREATE INDEX "incident_status_created_at_idx" ON "incident"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "incident_node_name_idx" ON "incident"("node_name");

-- CreateIndex
CREATE INDEX "incident_rule_idx" ON "incident"("rule");

-- AddForeignKey
ALTER TABLE "incident_snapshot" ADD CONSTRAINT "incident_snapshot_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_node" ADD CONSTRAINT "incident_node_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_step" ADD CONSTRAINT "incident_step_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_event" ADD CONSTRAINT "incident_event_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_share_link" ADD CONSTRAINT "incident_share_link_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

