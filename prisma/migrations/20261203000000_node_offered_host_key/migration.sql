-- AlterTable: the host key a node offered when it was refused as changed, for an admin's review.
ALTER TABLE "node" ADD COLUMN "offered_host_key" TEXT;
ALTER TABLE "node" ADD COLUMN "offered_host_key_at" TIMESTAMPTZ(3);
