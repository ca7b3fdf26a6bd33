-- CreateEnum
CREATE TYPE "HopOutcome" AS ENUM ('LIVE', 'NOT_LISTED', 'BLOCKED', 'FAILED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "HopKind" AS ENUM ('REPLACEMENT', 'PUBLISH', 'VALUES', 'WITHDRAWAL', 'REPAIR');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.

ALTER TYPE "SyncStatus" ADD VALUE 'NOT_LISTED';
ALTER TYPE "SyncStatus" ADD VALUE 'DRIFT';

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "relayedAt" TIMESTAMP(3),
ADD COLUMN     "relays" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ShopifyFile" DROP COLUMN "ready",
DROP COLUMN "retiredFileGid",
ADD COLUMN     "alt" TEXT,
ADD COLUMN     "fileSize" INTEGER,
ADD COLUMN     "fileUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "pendingVersionId" TEXT,
ALTER COLUMN "versionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "SyncHop" ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "kind" "HopKind" NOT NULL DEFAULT 'PUBLISH',
ADD COLUMN     "outcome" "HopOutcome";

-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN     "changedAt" TIMESTAMP(3),
ADD COLUMN     "confirmedRevision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "desiredDigest" TEXT,
ADD COLUMN     "failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "jobSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextCheckAt" TIMESTAMP(3),
ADD COLUMN     "observedAt" TIMESTAMP(3),
ADD COLUMN     "observedDigest" TEXT,
ADD COLUMN     "observedUpdatedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ChannelItem" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "channel" "ChannelKind" NOT NULL,
    "productId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncDrift" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "channel" "ChannelKind" NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,

    CONSTRAINT "SyncDrift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChannelItem_shop_channel_productId_idx" ON "ChannelItem"("shop", "channel", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelItem_shop_channel_itemId_key" ON "ChannelItem"("shop", "channel", "itemId");

-- CreateIndex
CREATE INDEX "SyncDrift_shop_productId_resolvedAt_idx" ON "SyncDrift"("shop", "productId", "resolvedAt");

-- CreateIndex
CREATE INDEX "ShopifyFile_shop_fileGid_idx" ON "ShopifyFile"("shop", "fileGid");

-- CreateIndex
CREATE INDEX "SyncState_nextCheckAt_idx" ON "SyncState"("nextCheckAt");


-- Data: hops that ended keep how they ended, and every product × channel is read back by the reconciler once, since
-- "live" used to mean "pushed" (nothing is confirmed until observed).
UPDATE "SyncHop" SET "endedAt" = "liveAt", "outcome" = 'LIVE' WHERE "liveAt" IS NOT NULL;
UPDATE "SyncHop" SET "endedAt" = "failedAt", "outcome" = 'FAILED' WHERE "liveAt" IS NULL AND "failedAt" IS NOT NULL;
UPDATE "SyncState" SET "nextCheckAt" = CURRENT_TIMESTAMP;
