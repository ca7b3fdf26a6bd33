

-- CreateTable
CREATE TABLE "ChannelItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyncDrift" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "detectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolution" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Outbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "aggregateId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" DATETIME,
    "relayedAt" DATETIME,
    "relays" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);
INSERT INTO "new_Outbox" ("aggregateId", "attempts", "createdAt", "dispatchedAt", "id", "lastError", "payload", "shop", "topic") SELECT "aggregateId", "attempts", "createdAt", "dispatchedAt", "id", "lastError", "payload", "shop", "topic" FROM "Outbox";
DROP TABLE "Outbox";
ALTER TABLE "new_Outbox" RENAME TO "Outbox";
CREATE INDEX "Outbox_dispatchedAt_createdAt_idx" ON "Outbox"("dispatchedAt", "createdAt");
CREATE INDEX "Outbox_shop_aggregateId_createdAt_idx" ON "Outbox"("shop", "aggregateId", "createdAt");
CREATE TABLE "new_ShopifyFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "fileGid" TEXT NOT NULL,
    "versionId" TEXT,
    "extension" TEXT NOT NULL,
    "url" TEXT,
    "fileSize" INTEGER,
    "fileUpdatedAt" DATETIME,
    "alt" TEXT,
    "pendingVersionId" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopifyFile_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ShopifyFile" ("assetId", "extension", "fileGid", "id", "shop", "updatedAt", "url", "versionId") SELECT "assetId", "extension", "fileGid", "id", "shop", "updatedAt", "url", "versionId" FROM "ShopifyFile";
DROP TABLE "ShopifyFile";
ALTER TABLE "new_ShopifyFile" RENAME TO "ShopifyFile";
CREATE INDEX "ShopifyFile_shop_fileGid_idx" ON "ShopifyFile"("shop", "fileGid");
CREATE UNIQUE INDEX "ShopifyFile_shop_assetId_key" ON "ShopifyFile"("shop", "assetId");
CREATE TABLE "new_SyncHop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "outboxId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'PUBLISH',
    "revision" INTEGER NOT NULL,
    "variants" INTEGER NOT NULL DEFAULT 0,
    "assetId" TEXT,
    "versionId" TEXT,
    "approvedAt" DATETIME NOT NULL,
    "enqueuedAt" DATETIME,
    "renderedAt" DATETIME,
    "pushedAt" DATETIME,
    "liveAt" DATETIME,
    "failedAt" DATETIME,
    "endedAt" DATETIME,
    "outcome" TEXT,
    "error" TEXT,
    CONSTRAINT "SyncHop_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SyncHop" ("approvedAt", "assetId", "channel", "enqueuedAt", "error", "failedAt", "id", "liveAt", "outboxId", "productId", "pushedAt", "renderedAt", "revision", "shop", "variants", "versionId") SELECT "approvedAt", "assetId", "channel", "enqueuedAt", "error", "failedAt", "id", "liveAt", "outboxId", "productId", "pushedAt", "renderedAt", "revision", "shop", "variants", "versionId" FROM "SyncHop";
DROP TABLE "SyncHop";
ALTER TABLE "new_SyncHop" RENAME TO "SyncHop";
CREATE INDEX "SyncHop_shop_channel_approvedAt_idx" ON "SyncHop"("shop", "channel", "approvedAt");
CREATE INDEX "SyncHop_shop_productId_channel_revision_idx" ON "SyncHop"("shop", "productId", "channel", "revision");
CREATE UNIQUE INDEX "SyncHop_outboxId_productId_channel_key" ON "SyncHop"("outboxId", "productId", "channel");
CREATE TABLE "new_SyncState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "desiredRevision" INTEGER NOT NULL DEFAULT 0,
    "appliedRevision" INTEGER NOT NULL DEFAULT 0,
    "confirmedRevision" INTEGER NOT NULL DEFAULT 0,
    "jobSeq" INTEGER NOT NULL DEFAULT 0,
    "desiredDigest" TEXT,
    "observedDigest" TEXT,
    "observedAt" DATETIME,
    "observedUpdatedAt" DATETIME,
    "nextCheckAt" DATETIME,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "changedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SyncState_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SyncState" ("appliedRevision", "channel", "desiredRevision", "id", "productId", "reason", "shop", "status", "updatedAt") SELECT "appliedRevision", "channel", "desiredRevision", "id", "productId", "reason", "shop", "status", "updatedAt" FROM "SyncState";
DROP TABLE "SyncState";
ALTER TABLE "new_SyncState" RENAME TO "SyncState";
CREATE INDEX "SyncState_shop_channel_status_idx" ON "SyncState"("shop", "channel", "status");
CREATE INDEX "SyncState_nextCheckAt_idx" ON "SyncState"("nextCheckAt");
CREATE UNIQUE INDEX "SyncState_shop_productId_channel_key" ON "SyncState"("shop", "productId", "channel");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChannelItem_shop_channel_productId_idx" ON "ChannelItem"("shop", "channel", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelItem_shop_channel_itemId_key" ON "ChannelItem"("shop", "channel", "itemId");

-- CreateIndex
CREATE INDEX "SyncDrift_shop_productId_resolvedAt_idx" ON "SyncDrift"("shop", "productId", "resolvedAt");


-- Data: hops that ended keep how they ended, and every product × channel is read back by the reconciler once, since
-- "live" used to mean "pushed" (nothing is confirmed until observed).
UPDATE "SyncHop" SET "endedAt" = "liveAt", "outcome" = 'LIVE' WHERE "liveAt" IS NOT NULL;
UPDATE "SyncHop" SET "endedAt" = "failedAt", "outcome" = 'FAILED' WHERE "liveAt" IS NULL AND "failedAt" IS NOT NULL;
UPDATE "SyncState" SET "nextCheckAt" = CURRENT_TIMESTAMP;
