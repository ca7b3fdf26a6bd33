-- DropIndex
DROP INDEX "AssetVersion_assetId_number_key";

-- DropIndex
DROP INDEX "AssetVersion_shop_sha256_idx";

-- AlterTable
ALTER TABLE "AssetVersion" ADD COLUMN "approvedAt" DATETIME;
ALTER TABLE "AssetVersion" ADD COLUMN "approvedBy" TEXT;
ALTER TABLE "AssetVersion" ADD COLUMN "colorSpace" TEXT;
ALTER TABLE "AssetVersion" ADD COLUMN "dominantColor" TEXT;
ALTER TABLE "AssetVersion" ADD COLUMN "durationMs" INTEGER;
ALTER TABLE "AssetVersion" ADD COLUMN "exifOrientation" INTEGER;
ALTER TABLE "AssetVersion" ADD COLUMN "hasAlpha" BOOLEAN;
ALTER TABLE "AssetVersion" ADD COLUMN "metadata" JSONB;
ALTER TABLE "AssetVersion" ADD COLUMN "pageCount" INTEGER;
ALTER TABLE "AssetVersion" ADD COLUMN "phash" TEXT;
ALTER TABLE "AssetVersion" ADD COLUMN "renditionError" TEXT;
ALTER TABLE "AssetVersion" ADD COLUMN "renditionsReadyAt" DATETIME;
ALTER TABLE "AssetVersion" ADD COLUMN "restoredFromId" TEXT;
ALTER TABLE "AssetVersion" ADD COLUMN "thumbhash" TEXT;

-- CreateTable
CREATE TABLE "AssetPerceptualHashBand" (
    "versionId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "band" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,

    PRIMARY KEY ("versionId", "band"),
    CONSTRAINT "AssetPerceptualHashBand_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AssetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssetTag" (
    "assetId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("assetId", "tag"),
    CONSTRAINT "AssetTag_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssetCollection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AssetCollectionItem" (
    "collectionId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,

    PRIMARY KEY ("collectionId", "assetId"),
    CONSTRAINT "AssetCollectionItem_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "AssetCollection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssetCollectionItem_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssetAuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AssetAuditEvent_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssetSearchDoc" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assetId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    CONSTRAINT "AssetSearchDoc_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Asset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "currentVersionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "latestVersionNumber" INTEGER NOT NULL DEFAULT 0,
    "filename" TEXT NOT NULL DEFAULT '',
    "mime" TEXT NOT NULL DEFAULT '',
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "width" INTEGER,
    "height" INTEGER,
    "orientation" TEXT,
    "thumbhash" TEXT,
    "altText" JSONB,
    "rightsOwner" TEXT,
    "licence" TEXT,
    "usageNotes" TEXT,
    "validFrom" DATETIME,
    "validUntil" DATETIME,
    "createdBy" TEXT,
    "nearDuplicateOfId" TEXT,
    CONSTRAINT "Asset_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Asset_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "AssetVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Asset" ("createdAt", "currentVersionId", "id", "kind", "shop", "status", "title", "updatedAt") SELECT "createdAt", "currentVersionId", "id", "kind", "shop", "status", "title", "updatedAt" FROM "Asset";
DROP TABLE "Asset";
ALTER TABLE "new_Asset" RENAME TO "Asset";
CREATE UNIQUE INDEX "Asset_currentVersionId_key" ON "Asset"("currentVersionId");
CREATE INDEX "Asset_shop_status_updatedAt_idx" ON "Asset"("shop", "status", "updatedAt");
CREATE INDEX "Asset_shop_createdAt_idx" ON "Asset"("shop", "createdAt");
CREATE INDEX "Asset_shop_kind_createdAt_idx" ON "Asset"("shop", "kind", "createdAt");
CREATE INDEX "Asset_shop_validUntil_idx" ON "Asset"("shop", "validUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AssetPerceptualHashBand_shop_band_value_idx" ON "AssetPerceptualHashBand"("shop", "band", "value");

-- CreateIndex
CREATE INDEX "AssetTag_shop_tag_idx" ON "AssetTag"("shop", "tag");

-- CreateIndex
CREATE UNIQUE INDEX "AssetCollection_shop_name_key" ON "AssetCollection"("shop", "name");

-- CreateIndex
CREATE INDEX "AssetCollectionItem_shop_assetId_idx" ON "AssetCollectionItem"("shop", "assetId");

-- CreateIndex
CREATE INDEX "AssetAuditEvent_shop_assetId_createdAt_idx" ON "AssetAuditEvent"("shop", "assetId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AssetSearchDoc_assetId_key" ON "AssetSearchDoc"("assetId");


-- Full-text index over AssetSearchDoc (not expressible in the Prisma schema). External-content FTS5 table kept in
-- step by triggers; `seq` is an INTEGER PRIMARY KEY, so rowids stay stable across VACUUM.
CREATE VIRTUAL TABLE "AssetSearchFts" USING fts5(body, content='AssetSearchDoc', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER "AssetSearchDoc_ai" AFTER INSERT ON "AssetSearchDoc" BEGIN
  INSERT INTO "AssetSearchFts"(rowid, body) VALUES (new."seq", new."body");
END;
CREATE TRIGGER "AssetSearchDoc_ad" AFTER DELETE ON "AssetSearchDoc" BEGIN
  INSERT INTO "AssetSearchFts"("AssetSearchFts", rowid, body) VALUES ('delete', old."seq", old."body");
END;
CREATE TRIGGER "AssetSearchDoc_au" AFTER UPDATE ON "AssetSearchDoc" BEGIN
  INSERT INTO "AssetSearchFts"("AssetSearchFts", rowid, body) VALUES ('delete', old."seq", old."body");
  INSERT INTO "AssetSearchFts"(rowid, body) VALUES (new."seq", new."body");
END;
