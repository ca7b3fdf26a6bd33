-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('SHOPIFY_STOREFRONT', 'GOOGLE_MERCHANT', 'MARKETPLACE');

-- CreateEnum
CREATE TYPE "LinkRole" AS ENUM ('FRONT', 'BACK', 'DETAIL', 'LIFESTYLE', 'SWATCH', 'SIZE_CHART', 'MANUAL', 'CAMPAIGN');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('PENDING', 'SYNCING', 'LIVE', 'BLOCKED', 'FAILED');

-- CreateTable
CREATE TABLE "Channel" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetLink" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL DEFAULT '',
    "role" "LinkRole" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopifyFile" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "fileGid" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "url" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopifyFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncState" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "channel" "ChannelKind" NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'PENDING',
    "desiredRevision" INTEGER NOT NULL DEFAULT 0,
    "appliedRevision" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncHop" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "outboxId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "channel" "ChannelKind" NOT NULL,
    "revision" INTEGER NOT NULL,
    "variants" INTEGER NOT NULL DEFAULT 0,
    "assetId" TEXT,
    "versionId" TEXT,
    "approvedAt" TIMESTAMP(3) NOT NULL,
    "enqueuedAt" TIMESTAMP(3),
    "renderedAt" TIMESTAMP(3),
    "pushedAt" TIMESTAMP(3),
    "liveAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "SyncHop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rendition" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "preflight" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rendition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedItem" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "item" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Channel_shop_kind_key" ON "Channel"("shop", "kind");

-- CreateIndex
CREATE INDEX "AssetLink_shop_productId_position_idx" ON "AssetLink"("shop", "productId", "position");

-- CreateIndex
CREATE INDEX "AssetLink_shop_assetId_idx" ON "AssetLink"("shop", "assetId");

-- CreateIndex
CREATE UNIQUE INDEX "AssetLink_shop_assetId_productId_variantId_role_key" ON "AssetLink"("shop", "assetId", "productId", "variantId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "ShopifyFile_shop_assetId_key" ON "ShopifyFile"("shop", "assetId");

-- CreateIndex
CREATE INDEX "SyncState_shop_channel_status_idx" ON "SyncState"("shop", "channel", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SyncState_shop_productId_channel_key" ON "SyncState"("shop", "productId", "channel");

-- CreateIndex
CREATE INDEX "SyncHop_shop_channel_approvedAt_idx" ON "SyncHop"("shop", "channel", "approvedAt");

-- CreateIndex
CREATE INDEX "SyncHop_shop_productId_channel_revision_idx" ON "SyncHop"("shop", "productId", "channel", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "SyncHop_outboxId_productId_channel_key" ON "SyncHop"("outboxId", "productId", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "Rendition_shop_key_key" ON "Rendition"("shop", "key");

-- CreateIndex
CREATE INDEX "FeedItem_shop_productId_idx" ON "FeedItem"("shop", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "FeedItem_shop_variantId_key" ON "FeedItem"("shop", "variantId");

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLink" ADD CONSTRAINT "AssetLink_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLink" ADD CONSTRAINT "AssetLink_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopifyFile" ADD CONSTRAINT "ShopifyFile_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncState" ADD CONSTRAINT "SyncState_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncHop" ADD CONSTRAINT "SyncHop_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedItem" ADD CONSTRAINT "FeedItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

