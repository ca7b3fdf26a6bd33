-- DropIndex
DROP INDEX "AssetVersion_assetId_number_key";

-- DropIndex
DROP INDEX "AssetVersion_shop_sha256_idx";

-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "altText" JSONB,
ADD COLUMN     "bytes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "createdBy" TEXT,
ADD COLUMN     "filename" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "height" INTEGER,
ADD COLUMN     "latestVersionNumber" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "licence" TEXT,
ADD COLUMN     "mime" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "nearDuplicateOfId" TEXT,
ADD COLUMN     "orientation" TEXT,
ADD COLUMN     "rightsOwner" TEXT,
ADD COLUMN     "thumbhash" TEXT,
ADD COLUMN     "usageNotes" TEXT,
ADD COLUMN     "validFrom" TIMESTAMP(3),
ADD COLUMN     "validUntil" TIMESTAMP(3),
ADD COLUMN     "width" INTEGER;

-- AlterTable
ALTER TABLE "AssetVersion" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedBy" TEXT,
ADD COLUMN     "colorSpace" TEXT,
ADD COLUMN     "dominantColor" TEXT,
ADD COLUMN     "durationMs" INTEGER,
ADD COLUMN     "exifOrientation" INTEGER,
ADD COLUMN     "hasAlpha" BOOLEAN,
ADD COLUMN     "metadata" JSONB,
ADD COLUMN     "pageCount" INTEGER,
ADD COLUMN     "phash" TEXT,
ADD COLUMN     "renditionError" TEXT,
ADD COLUMN     "renditionsReadyAt" TIMESTAMP(3),
ADD COLUMN     "restoredFromId" TEXT,
ADD COLUMN     "thumbhash" TEXT;

-- CreateTable
CREATE TABLE "AssetPerceptualHashBand" (
    "versionId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "band" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "AssetPerceptualHashBand_pkey" PRIMARY KEY ("versionId","band")
);

-- CreateTable
CREATE TABLE "AssetTag" (
    "assetId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "AssetTag_pkey" PRIMARY KEY ("assetId","tag")
);

-- CreateTable
CREATE TABLE "AssetCollection" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetCollection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetCollectionItem" (
    "collectionId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,

    CONSTRAINT "AssetCollectionItem_pkey" PRIMARY KEY ("collectionId","assetId")
);

-- CreateTable
CREATE TABLE "AssetAuditEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetAuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetSearchDoc" (
    "seq" SERIAL NOT NULL,
    "assetId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "AssetSearchDoc_pkey" PRIMARY KEY ("seq")
);

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

-- CreateIndex
CREATE INDEX "Asset_shop_createdAt_idx" ON "Asset"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Asset_shop_kind_createdAt_idx" ON "Asset"("shop", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "Asset_shop_validUntil_idx" ON "Asset"("shop", "validUntil");

-- AddForeignKey
ALTER TABLE "AssetPerceptualHashBand" ADD CONSTRAINT "AssetPerceptualHashBand_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AssetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetTag" ADD CONSTRAINT "AssetTag_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetCollectionItem" ADD CONSTRAINT "AssetCollectionItem_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "AssetCollection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetCollectionItem" ADD CONSTRAINT "AssetCollectionItem_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetAuditEvent" ADD CONSTRAINT "AssetAuditEvent_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetSearchDoc" ADD CONSTRAINT "AssetSearchDoc_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text index over AssetSearchDoc (not expressible in the Prisma schema). Queries must use the same
-- expression, to_tsvector('simple', "body"), for the planner to pick this index.
CREATE INDEX "AssetSearchDoc_body_fts_idx" ON "AssetSearchDoc" USING GIN (to_tsvector('simple', "body"));
