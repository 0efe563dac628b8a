-- AlterTable
ALTER TABLE "node" ADD COLUMN "proxy_jump" TEXT;
